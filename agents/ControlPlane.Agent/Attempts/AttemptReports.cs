using ControlPlane.Agent.Executors;
using ControlPlane.Agent.State;
using ControlPlane.Contracts.V1;
using Google.Protobuf;

namespace ControlPlane.Agent.Attempts;

/// <summary>Maps what the agent knows about an attempt to the runner protocol's messages.</summary>
internal static class AttemptReports
{
    public static AttemptEnd ToEnd(StepResult result) =>
        new(result.Outcome, result.FailureClass, result.ExitCode, result.Outputs, result.Error);

    public static ConnectRequest Started(AgentAttempt attempt, StartedWork work)
    {
        var started = new AttemptStarted { AttemptId = attempt.AttemptId, LeaseEpoch = attempt.Epoch };
        if (work.Process is { } process)
        {
            started.Pid = process.Pid;
        }
        else if (work.ContainerId is { } container)
        {
            started.ContainerId = container;
        }

        return new ConnectRequest { Started = started };
    }

    public static ConnectRequest Chunk(AgentAttempt attempt, Logs.LogChunk chunk) => new()
    {
        LogChunk = new Contracts.V1.LogChunk
        {
            AttemptId = attempt.AttemptId,
            LeaseEpoch = attempt.Epoch,
            Stream = chunk.Stream switch
            {
                Logs.LogStream.Stdout => Contracts.V1.LogStream.Stdout,
                Logs.LogStream.Stderr => Contracts.V1.LogStream.Stderr,
                _ => Contracts.V1.LogStream.System,
            },
            Offset = chunk.Offset,
            Data = ByteString.CopyFrom(chunk.Bytes.Span),
        },
    };

    public static ConnectRequest Finished(AgentAttempt attempt, AttemptEnd end, Logs.Spool.LogSpoolSummary log)
    {
        var finished = new AttemptFinished
        {
            AttemptId = attempt.AttemptId,
            LeaseEpoch = attempt.Epoch,
            Outcome = end.Outcome switch
            {
                StepOutcome.Succeeded => AttemptOutcome.Succeeded,
                StepOutcome.Cancelled => AttemptOutcome.Cancelled,
                _ => AttemptOutcome.Failed,
            },
            FailureClass = end.RunnerLost ? Contracts.V1.FailureClass.RunnerLost : end.FailureClass switch
            {
                Executors.FailureClass.ExitCode => Contracts.V1.FailureClass.ExitCode,
                Executors.FailureClass.Timeout => Contracts.V1.FailureClass.Timeout,
                Executors.FailureClass.Error => Contracts.V1.FailureClass.Error,
                _ => Contracts.V1.FailureClass.Unspecified,
            },
            LogLength = log.Length,
            LogChecksum = log.Sha256,
            Error = end.Error ?? "",
        };
        if (end.ExitCode is { } code)
        {
            finished.ExitCode = code;
        }

        foreach (var (name, value) in end.Outputs)
        {
            finished.Outputs[name] = value;
        }
        return new ConnectRequest { Finished = finished };
    }
}
