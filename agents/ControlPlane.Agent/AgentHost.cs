using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Configuration;
using ControlPlane.Agent.Session;
using ControlPlane.Agent.State;
using ControlPlane.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent;

/// <summary>
/// The agent's life: identity, recovery of what a previous life left, then sessions with the server, reconnecting with
/// backoff until it is told to stop. Draining (first SIGTERM, or the server's DrainRequest) takes no new work and exits
/// once every attempt has ended and been reported; a forced stop (second SIGTERM, SIGQUIT) cancels the running
/// attempts, reports them, and exits.
/// </summary>
internal sealed class AgentHost
{
    private static readonly TimeSpan ForcedStopReportTimeout = TimeSpan.FromSeconds(30);

    private readonly AgentOptions _options;
    private readonly RunnerRegistrar _registrar;
    private readonly AttemptSupervisor _attempts;
    private readonly AttemptRecovery _recovery;
    private readonly SessionLink _link = new();
    private readonly Func<AgentSession> _newSession;
    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _drainStarted;
    private int _forced;

    public AgentHost(AgentOptions options, RunnerRegistrar registrar, AttemptSupervisor attempts, AttemptRecovery recovery, Func<AgentSession> newSession, CancellationTokenSource stopping, ILogger logger)
    {
        _options = options;
        _registrar = registrar;
        _attempts = attempts;
        _recovery = recovery;
        _newSession = newSession;
        _stopping = stopping;
        _logger = logger;
    }

    /// <summary>Stops running work when the server has been silent for a lease duration (see <see cref="LeaseFence"/>).</summary>
    public LeaseFence? Fence { get; init; }

    /// <returns>The process exit code: 0 after a drain, 3 when the server refuses this runner's credentials.</returns>
    public async Task<int> RunAsync()
    {
        var stopping = _stopping.Token;
        var identity = await RegisterAsync(stopping);
        await _recovery.RecoverAsync(stopping);
        var fencing = Fence?.RunAsync(silence => _attempts.FenceAll($"no word from the server for {silence.TotalSeconds:F1} s, longer than the lease; the server will have given the attempt to another runner"), stopping);
        _ = fencing?.ContinueWith(_ => { }, TaskScheduler.Default);
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        TimeSpan? lease = null;
        while (!_exit.Task.IsCompleted && !stopping.IsCancellationRequested)
        {
            var session = _newSession();
            session.DrainRequested += reason => Drain(reason);
            _link.Attach(session);
            string reason;
            try
            {
                await session.RunAsync(_options.Server, identity.Token, Hello(), stopping);
                reason = "the server ended the stream";
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                await Console.Error.WriteLineAsync($"cp-agent: the server refused this runner's token ({e.Status.Detail}); remove {_options.StateDir}/runner.json and register again");
                return 3;
            }
            catch (RpcException e)
            {
                reason = $"{e.StatusCode}: {e.Status.Detail}";
                if ((session.Welcome is null && IsConnectionRefused(e.Status.DebugException)) || StoreOutage.IsReportedBy(e))
                {
                    Fence?.ServerDown();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            finally
            {
                _link.Detach(session);
            }

            if (session.Welcome is not null)
            {
                backoff.Reset();
                lease = session.Welcome.LeaseDuration?.ToTimeSpan() ?? lease;
            }

            if (_exit.Task.IsCompleted || stopping.IsCancellationRequested)
            {
                break;
            }

            var delay = backoff.NextDelay();
            if (_attempts.Count > 0 && lease is { } held && delay > held / 4)
            {
                // Attempts held must be reattached within the lease, or the fence stops them: retry often enough.
                delay = held / 4;
            }

            AgentLog.Disconnected(_logger, _options.Server, reason, delay);
            await Task.WhenAny(Task.Delay(delay, stopping), _exit.Task).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return 0;
    }

    private static bool IsConnectionRefused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes no new work; exits once every attempt has ended and been reported. Idempotent.</summary>
    public void Drain(string reason)
    {
        if (Interlocked.Exchange(ref _drainStarted, 1) == 1)
        {
            return;
        }

        _attempts.Draining = true;
        AgentLog.Draining(_logger, reason, _attempts.Running);
        _link.Current?.TrySend(new ConnectRequest { Draining = new RunnerDraining { Reason = reason } });
        _ = ExitWhenEmptyAsync();
    }

    /// <summary>Cancels running attempts, waits (bounded) for their reports, then stops.</summary>
    public void ForceStop()
    {
        if (Interlocked.Exchange(ref _forced, 1) == 1)
        {
            return;
        }

        AgentLog.ForcedStop(_logger, _attempts.Running);
        Drain("forced stop");
        _attempts.CancelAll();
        _stopping.CancelAfter(ForcedStopReportTimeout);
    }

    private async Task ExitWhenEmptyAsync()
    {
        while (true)
        {
            var emptied = _attempts.Emptied.Next;
            if (_attempts.Count == 0)
            {
                break;
            }

            await emptied;
        }

        _exit.TrySetResult();
        _link.Current?.Close();
    }

    private async Task<RunnerIdentity> RegisterAsync(CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        while (true)
        {
            try
            {
                return await _registrar.EnsureAsync(stopping);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                var delay = backoff.NextDelay();
                AgentLog.Disconnected(_logger, _options.Server, $"{e.StatusCode}: {e.Status.Detail}", delay);
                await Task.Delay(delay, stopping);
            }
        }
    }

    private RunnerHello Hello()
    {
        var hello = new RunnerHello { Capacity = _options.Capacity, AgentVersion = AgentVersion.Current };
        hello.Labels.Add(_options.Labels);
        hello.HeldAttempts.Add(_attempts.Held());
        return hello;
    }
}
