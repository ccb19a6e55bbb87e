using System.Security.Cryptography;
using ControlPlane.Contracts.V1;
using Google.Protobuf;

namespace ControlPlane.Server.Tests.Runners.Support;

/// <summary>The agent's messages about an offer, as a well-behaved agent writes them.</summary>
internal static class AgentMessages
{
    public static ConnectRequest Accept(AttemptOffer offer, long? epoch = null) =>
        new() { Accept = new OfferAccept { AttemptId = offer.AttemptId, LeaseEpoch = epoch ?? offer.LeaseEpoch } };

    public static ConnectRequest Reject(AttemptOffer offer, string reason) =>
        new() { Reject = new OfferReject { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch, Reason = reason } };

    public static ConnectRequest Started(AttemptOffer offer, int pid = 4242) =>
        new() { Started = new AttemptStarted { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch, Pid = pid } };

    public static ConnectRequest Log(long attemptId, long epoch, long offset, byte[] data, LogStream stream = LogStream.Stdout) =>
        new() { LogChunk = new LogChunk { AttemptId = attemptId, LeaseEpoch = epoch, Offset = offset, Data = ByteString.CopyFrom(data), Stream = stream } };

    /// <param name="log">The attempt's whole log, for its declared length and checksum.</param>
    public static ConnectRequest Finished(long attemptId, long epoch, byte[] log, AttemptOutcome outcome = AttemptOutcome.Succeeded, int? exitCode = 0, IDictionary<string, string>? outputs = null)
    {
        var finished = new AttemptFinished
        {
            AttemptId = attemptId,
            LeaseEpoch = epoch,
            Outcome = outcome,
            FailureClass = outcome == AttemptOutcome.Failed ? FailureClass.ExitCode : FailureClass.Unspecified,
            LogLength = log.Length,
            LogChecksum = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(log)),
        };
        if (exitCode is { } code)
        {
            finished.ExitCode = code;
        }

        if (outputs is not null)
        {
            finished.Outputs.Add(outputs);
        }

        return new ConnectRequest { Finished = finished };
    }

    public static ConnectRequest Finished(AttemptOffer offer, byte[] log, IDictionary<string, string>? outputs = null) =>
        Finished(offer.AttemptId, offer.LeaseEpoch, log, outputs: outputs);
}
