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
        var claim = Claim(runnerId, finished.AttemptId, finished.LeaseEpoch);
        // The log is confirmed before the result is recorded: once a step shows as ended, its log already shows as
        // complete (recording the result can end the run, and a reader must not see it ended with its log pending).
        LogStatus status;
        try
        {
            status = await ConfirmLogAsync(claim, finished, cancellationToken);
        }
        catch (Exception e) when (e is LeaseRefusedException or EntityNotFoundException)
        {
            return [Abort(runnerId, finished.AttemptId, finished.LeaseEpoch, e.Message)];
        }

        try
        {
            await _reporter.FinishedAsync(
                claim,
                finished.HasExitCode ? finished.ExitCode : null,
                Outcome(finished.Outcome),
                Failure(finished.FailureClass),
                finished.Outputs,
                string.IsNullOrWhiteSpace(finished.Error) ? null : finished.Error,
                cancellationToken);
        }
        catch (Exception e) when (e is LeaseRefusedException or EntityNotFoundException)
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

    /// <exception cref="LeaseRefusedException">The claim is not the current lease (another runner's attempt, a stale epoch).</exception>
    private async Task<LogStatus> ConfirmLogAsync(AttemptClaim claim, AttemptFinished finished, CancellationToken cancellationToken)
    {
        var (runnerId, attemptId) = (claim.Runner, claim.Attempt);
        await using var unit = await _store.BeginAsync(cancellationToken);
        LogStatus status;
        try
        {
            if (string.IsNullOrEmpty(finished.LogChecksum) || finished.LogLength < 0)
            {
                // Nothing to confirm; the result's own report checks the claim.
                status = await unit.Logs.GetStatusAsync(attemptId, cancellationToken);
            }
            else
            {
                var checksum = finished.LogChecksum.StartsWith(ChecksumPrefix, StringComparison.OrdinalIgnoreCase)
                    ? finished.LogChecksum[ChecksumPrefix.Length..]
                    : finished.LogChecksum;
                status = await unit.Logs.ConfirmAsync(claim, finished.LogLength, checksum, cancellationToken);
            }
        }
        catch (LogIntegrityException e)
        {
            RunnerProtocolLog.LogRefused(_logger, runnerId.Value, attemptId.Value, e.Message);
            status = (await unit.Logs.GetStatusAsync(attemptId, cancellationToken)) with { IsComplete = false };
        }

        await unit.CommitAsync(cancellationToken);
        return status;
    }
}
