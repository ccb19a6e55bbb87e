using ControlPlane.Cli.Api;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Runs;
using ControlPlane.Contracts.V1;
using Grpc.Core;

namespace ControlPlane.Cli.Watch;

/// <summary>
/// Keeps a run's picture current: reads it, then re-reads it on every WatchRun event until the run ends. A dropped
/// stream is reopened after the last sequence seen (so nothing is missed), retrying for <see cref="ReconnectFor"/>;
/// a server without WatchRun is polled instead.
/// </summary>
internal sealed class RunWatcher
{
    /// <summary>How long reconnecting may keep failing before the watch gives up.</summary>
    public static readonly TimeSpan ReconnectFor = TimeSpan.FromMinutes(2);

    /// <summary>Pause between reconnection attempts.</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly ApiConnection _api;
    private readonly TimeProvider _time;
    private readonly long _runId;
    private long _lastSequence;

    public RunWatcher(ApiConnection api, TimeProvider time, long runId)
    {
        _api = api;
        _time = time;
        _runId = runId;
    }

    /// <summary>Calls <paramref name="show"/> with each new picture of the run; returns the final one.</summary>
    public async Task<GetRunResponse> WatchAsync(Action<GetRunResponse> show, CancellationToken cancellationToken)
    {
        var run = await RunPoller.GetAsync(_api, _runId, cancellationToken);
        show(run);
        var failingSince = (DateTimeOffset?)null;
        while (!Display.IsFinished(run.Run.State))
        {
            try
            {
                run = await FollowStreamAsync(run, show, cancellationToken);
                failingSince = null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                return await RunPoller.WaitAsync(_api, _runId, _time, show, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                failingSince ??= _time.GetUtcNow();
                if (_time.GetUtcNow() - failingSince > ReconnectFor)
                {
                    throw;
                }
            }

            if (!Display.IsFinished(run.Run.State))
            {
                await Task.Delay(ReconnectDelay, _time, cancellationToken);
            }
        }

        return run;
    }

    private async Task<GetRunResponse> FollowStreamAsync(GetRunResponse run, Action<GetRunResponse> show, CancellationToken cancellationToken)
    {
        var request = new WatchRunRequest { RunId = _runId, AfterSequence = _lastSequence };
        using var call = _api.Runs.WatchRun(request, _api.Streaming(cancellationToken));
        await foreach (var change in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            _lastSequence = change.Sequence;
            run = await RunPoller.GetAsync(_api, _runId, cancellationToken);
            show(run);
            if (Display.IsFinished(run.Run.State))
            {
                return run;
            }
        }

        // The stream ended before the run did (e.g. the server shut down): read the run, then resume.
        run = await RunPoller.GetAsync(_api, _runId, cancellationToken);
        show(run);
        return run;
    }

    private static bool IsTransient(Exception e) => e switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted,
        CliException cli => cli.ExitCode == ExitCodes.Unavailable,
        _ => false,
    };
}
