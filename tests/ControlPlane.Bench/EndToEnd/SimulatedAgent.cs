using ControlPlane.Contracts.V1;
using Grpc.Core;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// A runner agent reduced to its protocol: registered once, then one Connect stream with a hello and a heartbeat at
/// the interval the server's welcome asks for, starting at a random point of the first interval as agents started
/// at different times would. It accepts nothing; offers and acks are read and counted.
/// </summary>
internal sealed class SimulatedAgent : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<ConnectRequest, ConnectResponse> _call;
    private readonly CancellationTokenSource _stop = new();
    private Task _heartbeats = Task.CompletedTask;
    private Task _reader = Task.CompletedTask;
    private long _acks;

    private SimulatedAgent(AsyncDuplexStreamingCall<ConnectRequest, ConnectResponse> call) => _call = call;

    public long HeartbeatAcks => Interlocked.Read(ref _acks);

    public static async Task<RegisterResponse> RegisterAsync(RunnerService.RunnerServiceClient client, string name, string registrationToken) =>
        await client.RegisterAsync(new RegisterRequest { Name = name, RegistrationToken = registrationToken, Capacity = 1, AgentVersion = "bench" });

    /// <summary>Opens the stream, says hello, waits for the welcome and starts heartbeating.</summary>
    public static async Task<SimulatedAgent> ConnectAsync(RunnerService.RunnerServiceClient client, string runnerToken, CancellationToken cancellationToken)
    {
        var headers = new Metadata { { "authorization", "Bearer " + runnerToken } };
        var agent = new SimulatedAgent(client.Connect(headers, cancellationToken: cancellationToken));
        await agent._call.RequestStream.WriteAsync(new ConnectRequest { Hello = new RunnerHello { Capacity = 1, AgentVersion = "bench" } }, cancellationToken);
        if (!await agent._call.ResponseStream.MoveNext(cancellationToken) || agent._call.ResponseStream.Current.MessageCase != ConnectResponse.MessageOneofCase.Welcome)
        {
            throw new InvalidOperationException("the server did not welcome a simulated agent");
        }

        var interval = agent._call.ResponseStream.Current.Welcome.HeartbeatInterval.ToTimeSpan();
        agent._reader = agent.ReadAsync();
        agent._heartbeats = agent.HeartbeatAsync(interval);
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Quietly(_heartbeats);
        _call.Dispose();
        await Quietly(_reader);
        _stop.Dispose();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or ObjectDisposedException)
        {
            // The stream is being torn down.
        }
    }

    private async Task HeartbeatAsync(TimeSpan interval)
    {
        await Task.Delay(Random.Shared.NextDouble() * interval, _stop.Token);
        using var timer = new PeriodicTimer(interval);
        do
        {
            await _call.RequestStream.WriteAsync(new ConnectRequest { Heartbeat = new RunnerHeartbeat() }, _stop.Token);
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    private async Task ReadAsync()
    {
        while (await _call.ResponseStream.MoveNext(_stop.Token))
        {
            if (_call.ResponseStream.Current.MessageCase == ConnectResponse.MessageOneofCase.HeartbeatAck)
            {
                Interlocked.Increment(ref _acks);
            }
        }
    }
}
