using ControlPlane.Cli.Api;
using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Runs;

/// <summary>
/// Reads a run until it finishes. Polling GetRun works against every server version (WatchRun is newer); the
/// interval is short enough for a person and trivial for the server.
/// </summary>
internal static class RunPoller
{
    /// <summary>How often the run is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads the run now.</summary>
    public static Task<GetRunResponse> GetAsync(ApiConnection api, long runId, CancellationToken cancellationToken) =>
        api.CallAsync(o => api.Runs.GetRunAsync(new GetRunRequest { RunId = runId }, o), cancellationToken);

    /// <summary>
    /// Reads the run every <see cref="Interval"/>, handing each read to <paramref name="onRead"/>, until it has
    /// finished; returns the last read.
    /// </summary>
    public static async Task<GetRunResponse> WaitAsync(
        ApiConnection api, long runId, TimeProvider time, Action<GetRunResponse>? onRead, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await GetAsync(api, runId, cancellationToken);
            onRead?.Invoke(run);
            if (Display.IsFinished(run.Run.State))
            {
                return run;
            }

            await Task.Delay(Interval, time, cancellationToken);
        }
    }
}
