using System.Threading.Channels;
using ControlPlane.Agent.Attempts;
using ControlPlane.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent.Session;

/// <summary>
/// One Connect stream: Hello and Welcome, then heartbeats, the server's messages handed to the
/// <see cref="AttemptSupervisor"/>, and everything the agent sends written by one loop (a stream takes one write at a
/// time). The session ends when the stream does, when the server falls silent for a lease duration, or when the
/// agent closes it after draining.
/// </summary>
internal sealed class AgentSession
{
    private readonly Channel<ConnectRequest> _outbound = Channel.CreateUnbounded<ConnectRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RunnerService.RunnerServiceClient _client;
    private readonly AttemptSupervisor _attempts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaseFence? _fence;
    private long _lastHeardTicks;
    private TimeSpan _lease;

    /// <param name="fence">Told of every message from the server, so the agent can stop work whose lease must have expired.</param>
    public AgentSession(RunnerService.RunnerServiceClient client, AttemptSupervisor attempts, TimeProvider time, ILogger logger, LeaseFence? fence = null)
    {
        _fence = fence;
        _client = client;
        _attempts = attempts;
        _time = time;
        _logger = logger;
    }

    public bool IsOpen => !_closed.Task.IsCompleted && Welcome is not null;

    /// <summary>Completes when the stream is over.</summary>
    public Task Closed => _closed.Task;

    public RunnerWelcome? Welcome { get; private set; }

    /// <summary>A DrainRequest arrived.</summary>
    public event Action<string>? DrainRequested;

    /// <summary>Queues a message; false when the session is over (what was lost is resent by the next session).</summary>
    public bool TrySend(ConnectRequest message) => !_closed.Task.IsCompleted && _outbound.Writer.TryWrite(message);

    /// <summary>Ends the stream cleanly once everything queued is written.</summary>
    public void Close() => _outbound.Writer.TryComplete();

    /// <summary>Runs the stream to its end. Returns after the Welcome was processed and the stream ended; throws if it never got that far.</summary>
    /// <exception cref="RpcException">The server refused or dropped the stream.</exception>
    public async Task RunAsync(string server, string runnerToken, RunnerHello hello, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var headers = new Metadata { { "authorization", "Bearer " + runnerToken } };
            using var call = _client.Connect(headers, cancellationToken: cts.Token);
            await call.RequestStream.WriteAsync(new ConnectRequest { Hello = hello }, cts.Token);
            using var helloTimeout = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            helloTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            if (!await call.ResponseStream.MoveNext(helloTimeout.Token) || call.ResponseStream.Current.MessageCase != ConnectResponse.MessageOneofCase.Welcome)
            {
                throw new RpcException(new Status(StatusCode.Internal, "the server did not answer the hello with a welcome"));
            }

            var welcome = call.ResponseStream.Current.Welcome;
            _lease = Lease(welcome);
            Heard();
            Welcome = welcome;
            await _attempts.ResumeAsync(this, welcome, cts.Token);
            AgentLog.Connected(_logger, server, welcome.RunnerId, Interval(welcome), Lease(welcome), hello.HeldAttempts.Count);
            if (welcome.Draining)
            {
                DrainRequested?.Invoke("the runner is drained");
            }

            var writing = WriteAsync(call.RequestStream, cts.Token);
            var beating = HeartbeatAsync(welcome, cts);
            try
            {
                while (await call.ResponseStream.MoveNext(cts.Token))
                {
                    Heard();
                    await HandleAsync(call.ResponseStream.Current, cts.Token);
                }
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The session ended itself (the server fell silent past the lease) while a message was being handled,
                // e.g. an offer's state file being written: a dropped connection like any other, not a crash.
                throw new RpcException(new Status(StatusCode.Unavailable, "the session was dropped: no word from the server within the lease"));
            }
            finally
            {
                _closed.TrySetResult();
                await cts.CancelAsync();
                await Task.WhenAll(writing, beating).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            _closed.TrySetResult();
            _outbound.Writer.TryComplete();
        }
    }

    private async Task HandleAsync(ConnectResponse message, CancellationToken cancellationToken)
    {
        switch (message.MessageCase)
        {
            case ConnectResponse.MessageOneofCase.Offer:
                await _attempts.OfferAsync(this, message.Offer, cancellationToken);
                break;
            case ConnectResponse.MessageOneofCase.LogAck:
                _attempts.Acknowledge(message.LogAck);
                break;
            case ConnectResponse.MessageOneofCase.FinishedAck:
                _attempts.ConfirmFinished(message.FinishedAck);
                break;
            case ConnectResponse.MessageOneofCase.Cancel:
                _attempts.Cancel(message.Cancel);
                break;
            case ConnectResponse.MessageOneofCase.Abort:
                _attempts.Abort(message.Abort);
                break;
            case ConnectResponse.MessageOneofCase.Closing:
                // The server is shutting down: end our side so the status it ends the stream with can be read, then
                // reconnect (to it, restarted, or to another server) like after any dropped stream.
                AgentLog.ServerClosing(_logger, message.Closing.Reason);
                Close();
                break;
            case ConnectResponse.MessageOneofCase.Drain:
                DrainRequested?.Invoke(message.Drain.Reason is { Length: > 0 } reason ? reason : "drained by the server");
                break;
            default:
                // Heartbeat acks (and messages of a newer server) only prove the server is alive.
                break;
        }
    }

    private async Task WriteAsync(IClientStreamWriter<ConnectRequest> stream, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(message, cancellationToken);
        }

        await stream.CompleteAsync();
    }

    /// <summary>Heartbeats with jitter; drops the stream when the server has said nothing for a lease duration.</summary>
    private async Task HeartbeatAsync(RunnerWelcome welcome, CancellationTokenSource session)
    {
        var interval = Interval(welcome);
        var lease = Lease(welcome);
        while (!session.IsCancellationRequested)
        {
            var jitter = 1 + ((Random.Shared.NextDouble() * 0.2) - 0.1);
            await Task.Delay(interval * jitter, _time, session.Token);
            var silence = _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);
            if (silence > lease)
            {
                AgentLog.ServerSilent(_logger, silence);
                await session.CancelAsync();
                return;
            }

            TrySend(new ConnectRequest { Heartbeat = new RunnerHeartbeat { Running = _attempts.Running } });
        }
    }

    private void Heard()
    {
        Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);
        _fence?.Heard(_lease);
    }

    private static TimeSpan Interval(RunnerWelcome welcome) =>
        welcome.HeartbeatInterval?.ToTimeSpan() is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(5);

    private static TimeSpan Lease(RunnerWelcome welcome) =>
        welcome.LeaseDuration?.ToTimeSpan() is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(15);
}
