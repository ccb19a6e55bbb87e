using System.Threading.Channels;
using ControlPlane.Contracts.V1;
using Grpc.Core;
using Kind = ControlPlane.Contracts.V1.ConnectResponse.MessageOneofCase;

namespace ControlPlane.Server.Tests.Runners.Support;

/// <summary>
/// A runner agent whose every message the test writes, over the generated RunnerService client. Everything the server
/// sends is recorded in order; <see cref="Ended"/> completes with the status the stream ended with.
/// </summary>
internal sealed class ScriptedAgent : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly AsyncDuplexStreamingCall<ConnectRequest, ConnectResponse> _call;
    private readonly Channel<ConnectResponse> _inbox = Channel.CreateUnbounded<ConnectResponse>();
    private readonly List<ConnectResponse> _received = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _heartbeats = Task.CompletedTask;
    private volatile bool _sideEnded;

    private ScriptedAgent(AsyncDuplexStreamingCall<ConnectRequest, ConnectResponse> call)
    {
        _call = call;
        Ended = PumpAsync();
    }

    /// <summary>The first message of the stream.</summary>
    public RunnerWelcome Welcome { get; private set; } = null!;

    /// <summary>Every message taken so far with <see cref="NextAsync"/>, skipped ones included.</summary>
    public IReadOnlyList<ConnectResponse> Received => _received;

    /// <summary>Completes when the server ends the stream: null for OK, else the RpcException it ended with.</summary>
    public Task<RpcException?> Ended { get; }

    /// <summary>Opens a stream with <paramref name="token"/> (none when null) and sends the hello.</summary>
    public static ScriptedAgent Open(RunnerService.RunnerServiceClient client, string? token, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new ScriptedAgent(client.Connect(headers, cancellationToken: cancellationToken));
    }

    /// <summary>Opens a stream, sends the hello and waits for the welcome.</summary>
    public static async Task<ScriptedAgent> ConnectAsync(RunnerService.RunnerServiceClient client, string token, RunnerHello? hello = null, CancellationToken cancellationToken = default)
    {
        var agent = Open(client, token, cancellationToken);
        await agent.SendAsync(new ConnectRequest { Hello = hello ?? new RunnerHello { Capacity = 1, AgentVersion = "test" } });
        agent.Welcome = (await agent.NextAsync(Kind.Welcome)).Welcome;
        return agent;
    }

    /// <summary>Whether the agent ends its side when the server says it is closing, as a real agent does. Default: true.</summary>
    public bool EndsItsSideWhenServerCloses { get; set; } = true;

    public async Task SendAsync(ConnectRequest message)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_sideEnded)
            {
                throw new InvalidOperationException($"The agent ended its side; cannot send {message.MessageCase}");
            }

            await _call.RequestStream.WriteAsync(message);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a heartbeat every <paramref name="interval"/> until disposed or <see cref="StopHeartbeats"/>.</summary>
    public void StartHeartbeats(TimeSpan interval)
    {
        _heartbeats = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_stop.Token) && !_sideEnded)
            {
                await SendAsync(new ConnectRequest { Heartbeat = new RunnerHeartbeat { Running = 1 } });
            }
        });
    }

    /// <summary>Goes silent: no more heartbeats, the stream stays open.</summary>
    public async Task StopHeartbeatsAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _heartbeats;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The next message of <paramref name="kind"/>; messages of other kinds before it are recorded and skipped.</summary>
    public async Task<ConnectResponse> NextAsync(Kind kind)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            ConnectResponse message;
            try
            {
                message = await _inbox.Reader.ReadAsync(timeout.Token);
            }
            catch (ChannelClosedException)
            {
                throw new InvalidOperationException($"The stream ended ({(await Ended)?.Status.ToString() ?? "OK"}) before a {kind} arrived; received: {Describe()}");
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {kind} within {Patience.TotalSeconds} s; received: {Describe()}");
            }

            _received.Add(message);
            if (message.MessageCase == kind)
            {
                return message;
            }
        }
    }

    public async Task<AttemptOffer> NextOfferAsync() => (await NextAsync(Kind.Offer)).Offer;

    /// <summary>Sends a heartbeat and waits for its ack: every reply the server queued before it has arrived by then.</summary>
    public async Task RoundTripAsync()
    {
        await SendAsync(new ConnectRequest { Heartbeat = new RunnerHeartbeat() });
        await NextAsync(Kind.HeartbeatAck);
    }

    /// <summary>Whatever has arrived and was not taken yet, recorded into <see cref="Received"/>.</summary>
    public IReadOnlyList<ConnectResponse> DrainInbox()
    {
        while (_inbox.Reader.TryRead(out var message))
        {
            _received.Add(message);
        }

        return _received;
    }

    public async Task CompleteAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            if (!_sideEnded)
            {
                _sideEnded = true;
                await _call.RequestStream.CompleteAsync();
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHeartbeatsAsync();
        _call.Dispose();
        await Ended;
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private string Describe() => string.Join(", ", _received.Select(m => m.MessageCase));

    private async Task<RpcException?> PumpAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                _inbox.Writer.TryWrite(_call.ResponseStream.Current);
                if (_call.ResponseStream.Current.MessageCase == Kind.Closing && EndsItsSideWhenServerCloses)
                {
                    await CompleteAsync();
                }
            }

            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return new RpcException(new Status(StatusCode.Cancelled, e.Message));
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
