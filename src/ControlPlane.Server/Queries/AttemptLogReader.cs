using System.Runtime.CompilerServices;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Api;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Queries;

/// <summary>
/// Reads an attempt's log from the store in offset order, optionally following it: new bytes are picked up by polling
/// the store at <see cref="ApiOptions.LogPollInterval"/> until the attempt has ended and its log is complete.
/// </summary>
public sealed class AttemptLogReader
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly ApiOptions _options;

    public AttemptLogReader(IStore store, TimeProvider time, IOptions<ApiOptions> options)
    {
        _store = store;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The attempt numbered <paramref name="number"/> of the run's step, or its latest when null.</summary>
    /// <exception cref="EntityNotFoundException">No such run, step or attempt.</exception>
    public async Task<AttemptRecord> FindAttemptAsync(RunId runId, string stepKey, int? number, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        await unit.Runs.GetAsync(runId, cancellationToken);
        var step = await unit.Steps.FindByKeyAsync(runId, stepKey, cancellationToken)
            ?? throw new EntityNotFoundException("step", $"'{stepKey}' in run {runId}");
        var attempts = await unit.Attempts.ListByStepAsync(step.Id, cancellationToken);
        var attempt = number is { } n ? attempts.FirstOrDefault(a => a.Number == n) : attempts.Count > 0 ? attempts[^1] : null;
        return attempt ?? throw new EntityNotFoundException(
            "attempt",
            number is { } wanted ? $"{wanted} of step '{stepKey}' in run {runId}" : $"yet of step '{stepKey}' in run {runId} (it has not been offered to a runner)");
    }

    /// <summary>
    /// The log from <paramref name="offset"/> on. Without <paramref name="follow"/> it ends at the last byte held now;
    /// with it, it waits for more until the attempt has ended and every declared byte is held, or until its lease was
    /// revoked (lost, rejected) or it ended before it started, after which no more bytes can be stored.
    /// </summary>
    /// <exception cref="LogRemovedException">Retention removed the log.</exception>
    public async IAsyncEnumerable<LogChunk> ReadAsync(AttemptId attemptId, long offset, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = offset;
        while (true)
        {
            IReadOnlyList<LogChunk> chunks;
            AttemptRecord? attempt = null;
            await using (var unit = await _store.BeginReadAsync(cancellationToken))
            {
                if (next == offset && await unit.Retention.LogRemovedAtAsync(attemptId, cancellationToken) is { } removedAt)
                {
                    throw new LogRemovedException(attemptId, removedAt);
                }

                chunks = await unit.Logs.ReadAsync(attemptId, next, _options.LogReadBytes, cancellationToken);

                // Read in the same snapshot as the empty read, so "complete" cannot hide bytes stored in between.
                if (chunks.Count == 0 && follow)
                {
                    attempt = await unit.Attempts.GetAsync(attemptId, cancellationToken);
                }
            }

            foreach (var chunk in chunks)
            {
                yield return chunk;
                next = chunk.End;
            }

            if (chunks.Count > 0)
            {
                continue;
            }

            if (attempt is null || HasEnded(attempt))
            {
                yield break;
            }

            await Task.Delay(_options.LogPollInterval, _time, cancellationToken);
        }
    }

    private static bool HasEnded(AttemptRecord attempt) => attempt.State switch
    {
        AttemptState.Lost or AttemptState.Rejected => true,

        // Stopped before its runner started it (e.g. cancelled while offered): it has no log to wait for.
        AttemptState.Cancelled when attempt.StartedAt is null => true,
        AttemptState.Succeeded or AttemptState.Failed or AttemptState.Cancelled => attempt.Log.IsComplete,
        _ => false,
    };
}
