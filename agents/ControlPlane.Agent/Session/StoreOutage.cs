using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace ControlPlane.Agent.Session;

/// <summary>
/// Recognises the server's answer "my database cannot be written" (UNAVAILABLE with a google.rpc.ErrorInfo whose
/// reason is STORE_UNWRITABLE; see runner.proto). Such a server is alive and decides nothing until it can write again,
/// then grants the failover grace: the agent keeps its attempts running instead of fencing them.
/// </summary>
internal static class StoreOutage
{
    public const string Reason = "STORE_UNWRITABLE";
    public const string Domain = "controlplane.v1";
    private const string DetailsTrailer = "grpc-status-details-bin";

    public static bool IsReportedBy(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.StatusCode != StatusCode.Unavailable || error.Trailers.GetValueBytes(DetailsTrailer) is not { } bytes)
        {
            return false;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes).Details
                .Any(d => d.Is(ErrorInfo.Descriptor) && d.Unpack<ErrorInfo>() is { Reason: Reason, Domain: Domain });
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
