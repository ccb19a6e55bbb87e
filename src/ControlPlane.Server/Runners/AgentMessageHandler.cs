using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Metrics;
using ControlPlane.Server.Scheduling.Runners;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using CoreFailureClass = ControlPlane.Core.Attempts.FailureClass;
using ProtoFailureClass = ControlPlane.Contracts.V1.FailureClass;
using ReporterOutcome = ControlPlane.Server.Scheduling.Runners.AttemptOutcome;

namespace ControlPlane.Server.Runners;

/// <summary>
/// Maps each agent message after the hello to one call of the scheduler (<see cref="AttemptReporter"/>,
/// <see cref="RunnerConnector"/>) or the log store, and returns the replies. Every message about an attempt becomes an
/// <see cref="AttemptClaim"/> of the stream's authenticated runner, so a runner speaks only for the attempts it holds.
/// A report the server refuses (another runner's attempt, stale epoch, attempt ended or unknown) becomes an
/// <see cref="AttemptAbort"/> for that attempt and changes nothing, never an error of the stream.
/// </summary>
/// <remarks>Safe to call from many streams at once; calls of one stream must be sequential (message order matters).</remarks>
public sealed partial class AgentMessageHandler
{
    private readonly IStore _store;
    private readonly AttemptReporter _reporter;
    private readonly RunnerConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentMessageHandler> _logger;
    private readonly ServerMetrics? _metrics;

    public AgentMessageHandler(IStore store, AttemptReporter reporter, RunnerConnector connector, TimeProvider time, ILogger<AgentMessageHandler> logger, ServerMetrics? metrics = null)
    {
        _metrics = metrics;
        _store = store;
        _reporter = reporter;
        _connector = connector;
        _time = time;
        _logger = logger;
    }

    /// <summary>Handles one message that is not a log chunk (those go through <see cref="HandleLogChunksAsync"/>).</summary>
    /// <exception cref="RunnerProtocolViolationException">A second RunnerHello.</exception>
    /// <exception cref="RunnerNotConnectedException">The runner's session was closed (declared lost or replaced).</exception>
    public async Task<IReadOnlyList<ConnectResponse>> HandleAsync(RunnerId runnerId, ConnectRequest message, CancellationToken cancellationToken)
    {
        switch (message.MessageCase)
        {
            case ConnectRequest.MessageOneofCase.Heartbeat:
                await _reporter.HeartbeatAsync(runnerId, cancellationToken);
                return [new ConnectResponse { HeartbeatAck = new HeartbeatAck { At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) } }];
            case ConnectRequest.MessageOneofCase.Accept:
                return await FencedAsync(Claim(runnerId, message.Accept.AttemptId, message.Accept.LeaseEpoch), claim => _reporter.AcceptAsync(claim, cancellationToken));
            case ConnectRequest.MessageOneofCase.Reject:
                return await FencedAsync(Claim(runnerId, message.Reject.AttemptId, message.Reject.LeaseEpoch), claim => _reporter.RejectAsync(claim, cancellationToken));
            case ConnectRequest.MessageOneofCase.Started:
                var started = message.Started;
                return await FencedAsync(Claim(runnerId, started.AttemptId, started.LeaseEpoch), claim => _reporter.StartedAsync(claim, ProcessRef(started), cancellationToken));
            case ConnectRequest.MessageOneofCase.Finished:
                return await FinishedAsync(runnerId, message.Finished, cancellationToken);
            case ConnectRequest.MessageOneofCase.LogChunk:
                return await HandleLogChunksAsync(runnerId, [message.LogChunk], cancellationToken);
            case ConnectRequest.MessageOneofCase.Draining:
                RunnerProtocolLog.RunnerDraining(_logger, runnerId.Value, message.Draining.Reason);
                _connector.DrainSession(runnerId);
                return [];
            case ConnectRequest.MessageOneofCase.Hello:
                throw new RunnerProtocolViolationException("RunnerHello is only valid as the first message of the stream.");
            default:
                RunnerProtocolLog.UnknownMessage(_logger, runnerId.Value);
                return [];
        }
    }

    /// <summary>
    /// Appends consecutive log chunks in one transaction (each idempotent by offset) and answers each attempt once: a
    /// <see cref="LogAck"/> with the offset the server holds (after a gap that is where the agent resends from), or an
    /// <see cref="AttemptAbort"/> when the chunk's epoch is stale, the attempt unknown or the log contradicts its declaration.
    /// </summary>
    public async Task<IReadOnlyList<ConnectResponse>> HandleLogChunksAsync(RunnerId runnerId, IReadOnlyList<Contracts.V1.LogChunk> chunks, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<long, ConnectResponse>();
        var heldBefore = new Dictionary<long, long>();
        await using (var unit = await _store.BeginAsync(cancellationToken))
        {
            foreach (var chunk in chunks)
            {
                if (answers.TryGetValue(chunk.AttemptId, out var earlier) && earlier.MessageCase == ConnectResponse.MessageOneofCase.Abort)
                {
                    continue;
                }

                if (_metrics is not null && !heldBefore.ContainsKey(chunk.AttemptId))
                {
                    heldBefore[chunk.AttemptId] = await HeldBytesAsync(unit, chunk.AttemptId, cancellationToken);
                }

                answers[chunk.AttemptId] = await AppendAsync(unit, runnerId, chunk, cancellationToken);
            }

            await unit.CommitAsync(cancellationToken);
        }

        // Counted from the acknowledged offsets once committed, so resent bytes are never counted twice.
        _metrics?.LogBytesIngested(answers.Values
            .Where(a => a.MessageCase == ConnectResponse.MessageOneofCase.LogAck)
            .Sum(a => Math.Max(0, a.LogAck.Offset - heldBefore.GetValueOrDefault(a.LogAck.AttemptId))));

        return [.. answers.Values];
    }

    private async Task<ConnectResponse> AppendAsync(IUnitOfWork unit, RunnerId runnerId, Contracts.V1.LogChunk chunk, CancellationToken cancellationToken)
    {
        try
        {
            var status = await unit.Logs.AppendAsync(Claim(runnerId, chunk.AttemptId, chunk.LeaseEpoch), new Core.Logs.LogChunk(chunk.Offset, Stream(chunk.Stream), chunk.Data.Memory), cancellationToken);
            return LogAck(chunk.AttemptId, status.ReceivedBytes);
        }
        catch (LogGapException gap)
        {
            return LogAck(chunk.AttemptId, gap.ExpectedOffset);
        }
        catch (Exception e) when (e is LeaseRefusedException or EntityNotFoundException or LogIntegrityException)
        {
            RunnerProtocolLog.LogRefused(_logger, runnerId.Value, chunk.AttemptId, e.Message);
            return Abort(runnerId, chunk.AttemptId, chunk.LeaseEpoch, e.Message);
        }
        catch (ArgumentOutOfRangeException)
        {
            return Abort(runnerId, chunk.AttemptId, chunk.LeaseEpoch, $"log_chunk.offset must not be negative, got {chunk.Offset}");
        }
    }

    private static async Task<long> HeldBytesAsync(IUnitOfWork unit, long attemptId, CancellationToken cancellationToken)
    {
        try
        {
            return (await unit.Logs.GetStatusAsync(new AttemptId(attemptId), cancellationToken)).ReceivedBytes;
        }
        catch (EntityNotFoundException)
        {
            return 0;
        }
    }

    private async Task<IReadOnlyList<ConnectResponse>> FencedAsync(AttemptClaim claim, Func<AttemptClaim, Task> report)
    {
        try
        {
            await report(claim);
            return [];
        }
        catch (Exception e) when (e is LeaseRefusedException or StateConflictException or EntityNotFoundException)
        {
            return [Abort(claim.Runner, claim.Attempt.Value, claim.Epoch, e.Message)];
        }
    }

    private static AttemptClaim Claim(RunnerId runnerId, long attemptId, long epoch) => new(runnerId, new AttemptId(attemptId), epoch);

    private ConnectResponse Abort(RunnerId runnerId, long attemptId, long epoch, string reason)
    {
        RunnerProtocolLog.AttemptAborted(_logger, runnerId.Value, attemptId, reason);
        return new ConnectResponse { Abort = new AttemptAbort { AttemptId = attemptId, LeaseEpoch = epoch, Reason = reason } };
    }

    private static ConnectResponse LogAck(long attemptId, long offset) =>
        new() { LogAck = new LogAck { AttemptId = attemptId, Offset = offset } };

    private static string ProcessRef(AttemptStarted started) => started.ProcessCase switch
    {
        AttemptStarted.ProcessOneofCase.Pid => "pid:" + started.Pid.ToString(CultureInfo.InvariantCulture),
        AttemptStarted.ProcessOneofCase.ContainerId => "container:" + started.ContainerId,
        _ => string.Empty,
    };

    private static Core.Logs.LogStream Stream(Contracts.V1.LogStream stream) => stream switch
    {
        Contracts.V1.LogStream.Stderr => Core.Logs.LogStream.Stderr,
        Contracts.V1.LogStream.System => Core.Logs.LogStream.System,
        _ => Core.Logs.LogStream.Stdout,
    };

    private static ReporterOutcome Outcome(Contracts.V1.AttemptOutcome outcome) => outcome switch
    {
        Contracts.V1.AttemptOutcome.Succeeded => ReporterOutcome.Succeeded,
        Contracts.V1.AttemptOutcome.Cancelled => ReporterOutcome.Cancelled,
        _ => ReporterOutcome.Failed,
    };

    private static CoreFailureClass? Failure(ProtoFailureClass failure) => failure switch
    {
        ProtoFailureClass.ExitCode => CoreFailureClass.ExitCode,
        ProtoFailureClass.Timeout => CoreFailureClass.Timeout,
        ProtoFailureClass.Error => CoreFailureClass.Error,
        ProtoFailureClass.RunnerLost => CoreFailureClass.RunnerLost,
        _ => null,
    };
}
