using ControlPlane.Cli.Commands;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Runs;

/// <summary>
/// Follows a run: streams the log of every attempt as soon as it starts, each line prefixed with its step key,
/// until the run has finished and its logs are complete (or <see cref="DrainGrace"/> has passed since it finished,
/// for logs that will never complete, e.g. of a lost runner).
/// </summary>
internal sealed class RunFollower
{
    /// <summary>How long after the run finished its log streams may take to deliver their last bytes.</summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(15);

    private readonly CommandContext _context;
    private readonly LogOutput _output;
    private readonly long _runId;
    private readonly Dictionary<long, Task> _streams = [];
    private Task _endedInOrder = Task.CompletedTask;

    public RunFollower(CommandContext context, LogOutput output, long runId)
    {
        _context = context;
        _output = output;
        _runId = runId;
    }

    /// <summary>Follows until the run has finished; returns its final state.</summary>
    public async Task<GetRunResponse> FollowAsync(CancellationToken cancellationToken)
    {
        using var streams = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var final = await RunPoller.WaitAsync(_context.Api, _runId, _context.Time, run => StartNewStreams(run, streams.Token), cancellationToken);
        var all = Task.WhenAll(_streams.Values);
        await Task.WhenAny(all, Task.Delay(DrainGrace, _context.Time, cancellationToken));
        await streams.CancelAsync();
        try
        {
            await all;
        }
        catch (Exception e) when (streams.IsCancellationRequested && e is OperationCanceledException or global::Grpc.Core.RpcException)
        {
            // Streams still open after the grace were stopped on purpose.
        }

        return final;
    }

    private static async Task AfterAsync(Task previous, Func<Task> next)
    {
        await previous;
        await next();
    }

    private void StartNewStreams(GetRunResponse run, CancellationToken cancellationToken)
    {
        // Streams of attempts whose log was complete in this view finish promptly; an attempt seen ended for the first
        // time prints after them, so a step that ran first is never printed after its successor. A stream whose log is
        // still growing (a running step, a lost runner's) is not waited for: parallel steps interleave as they come.
        var endedStreams = run.Steps.SelectMany(s => s.Attempts)
            .Where(a => a.LogComplete && _streams.ContainsKey(a.Id))
            .Select(a => _streams[a.Id])
            .ToList();
        foreach (var step in run.Steps)
        {
            foreach (var attempt in step.Attempts.Where(a => a.State != AttemptState.Offered && !_streams.ContainsKey(a.Id)))
            {
                // Attempts that never ran, or whose runner vanished, may never get a complete log: read what is there.
                var follow = attempt.State is not (AttemptState.Lost or AttemptState.Rejected);
                var writer = _output.Writer(PrefixedLineWriter.PrefixFor(step.Key, attempt.Number));
                Task Stream() => LogStreamer.StreamAsync(_context.Api, _runId, step.Key, attempt.Number, follow, writer, cancellationToken);
                if (attempt.State is AttemptState.Offered or AttemptState.Running)
                {
                    _streams[attempt.Id] = Stream();
                }
                else
                {
                    // Attempts that ended before we saw them are printed one after another in plan order, not mixed.
                    _endedInOrder = AfterAsync(Task.WhenAll([.. endedStreams, _endedInOrder]), Stream);
                    _streams[attempt.Id] = _endedInOrder;
                }
            }
        }
    }
}
