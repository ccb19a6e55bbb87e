using ControlPlane.Contracts.V1;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;

namespace ControlPlane.Server.Runners;

/// <summary>The end of an attempt: its result, then its log's declared length and checksum.</summary>
public sealed partial class AgentMessageHandler
{
    private const string ChecksumPrefix = "sha256:";

    private async Task<IReadOnlyList<ConnectResponse>> FinishedAsync(RunnerId runnerId, AttemptFinished finished, CancellationToken cancellationToken)
    {
        var attemptId = new AttemptId(finished.AttemptId);
        // The log is confirmed before the result is recorded: once a step shows as ended, its log already shows as
        // complete (recording the result can end the run, and a reader must not see it ended with its log pending).
        var status = await ConfirmLogAsync(runnerId, attemptId, finished, cancellationToken);
        if (status is null)
        {
            return [Abort(runnerId, finished.AttemptId, finished.LeaseEpoch, "the attempt's lease moved on before its log was confirmed")];
        }

        try
        {
            await _reporter.FinishedAsync(
                attemptId,
                finished.LeaseEpoch,
                finished.HasExitCode ? finished.ExitCode : null,
                Outcome(finished.Outcome),
                Failure(finished.FailureClass),
                finished.Outputs,
                string.IsNullOrWhiteSpace(finished.Error) ? null : finished.Error,
                cancellationToken);
        }
        catch (Exception e) when (e is StaleLeaseException or EntityNotFoundException)
        {
            return [Abort(runnerId, finished.AttemptId, finished.LeaseEpoch, e.Message)];
        }
        catch (StateConflictException)
        {
            // Ended already under this very epoch: by the server (cancel, timeout) or by an earlier copy of this report
            // whose FinishedAck was lost. The result stands as recorded.
        }

        return [new ConnectResponse { FinishedAck = new FinishedAck { AttemptId = finished.AttemptId, LogComplete = status.IsComplete } }];
    }

    /// <returns>The log's status, or null when the epoch is no longer current.</returns>
    private async Task<LogStatus?> ConfirmLogAsync(RunnerId runnerId, AttemptId attemptId, AttemptFinished finished, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        LogStatus status;
        try
        {
            if (string.IsNullOrEmpty(finished.LogChecksum) || finished.LogLength < 0)
            {
                status = await unit.Logs.GetStatusAsync(attemptId, cancellationToken);
            }
            else
            {
                var checksum = finished.LogChecksum.StartsWith(ChecksumPrefix, StringComparison.OrdinalIgnoreCase)
                    ? finished.LogChecksum[ChecksumPrefix.Length..]
                    : finished.LogChecksum;
                status = await unit.Logs.ConfirmAsync(attemptId, finished.LeaseEpoch, finished.LogLength, checksum, cancellationToken);
            }
        }
        catch (LogIntegrityException e)
        {
            RunnerProtocolLog.LogRefused(_logger, runnerId.Value, attemptId.Value, e.Message);
            status = (await unit.Logs.GetStatusAsync(attemptId, cancellationToken)) with { IsComplete = false };
        }
        catch (Exception e) when (e is StaleLeaseException or EntityNotFoundException)
        {
            return null;
        }

        await unit.CommitAsync(cancellationToken);
        return status;
    }
}
