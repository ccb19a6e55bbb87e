using ControlPlane.Contracts.V1;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Tests.Runners.Support;
using Grpc.Core;
using Xunit.Abstractions;
using Kind = ControlPlane.Contracts.V1.ConnectResponse.MessageOneofCase;
using RunnerState = ControlPlane.Core.Runners.RunnerState;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>Connect: authentication first, then the hello, then the welcome.</summary>
public sealed class ConnectTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connect_without_a_token_is_unauthenticated()
    {
        await using var server = await RunnerTestServer.StartAsync(output);

        await using var agent = ScriptedAgent.Open(server.Client, null, server.Ct);

        Assert.Equal(StatusCode.Unauthenticated, (await agent.Ended)?.StatusCode);
    }

    [Fact]
    public async Task Connect_with_a_wrong_token_is_unauthenticated_before_the_hello_is_read()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        await server.RegisterAsync("r");

        await using var agent = ScriptedAgent.Open(server.Client, RunnerTokens.Issue().Token, server.Ct);

        var ended = await agent.Ended;
        Assert.Equal(StatusCode.Unauthenticated, ended?.StatusCode);
        Assert.Equal(RunnerState.Offline, (await server.ReadAsync(unit => unit.Runners.ListAsync(server.Ct)))[0].State);
    }

    [Fact]
    public async Task A_first_message_that_is_not_a_hello_is_invalid_argument()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");

        await using var agent = ScriptedAgent.Open(server.Client, registered.RunnerToken, server.Ct);
        await agent.SendAsync(new ConnectRequest { Heartbeat = new RunnerHeartbeat() });

        var ended = await agent.Ended;
        Assert.Equal(StatusCode.InvalidArgument, ended?.StatusCode);
        Assert.Contains("RunnerHello", ended!.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hello_with_capacity_zero_is_invalid_argument_naming_the_field()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");

        await using var agent = ScriptedAgent.Open(server.Client, registered.RunnerToken, server.Ct);
        await agent.SendAsync(new ConnectRequest { Hello = new RunnerHello { Capacity = 0 } });

        var ended = await agent.Ended;
        Assert.Equal(StatusCode.InvalidArgument, ended?.StatusCode);
        Assert.StartsWith("hello.capacity:", ended!.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_hello_on_an_open_stream_is_invalid_argument_and_takes_the_runner_offline()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        await agent.SendAsync(new ConnectRequest { Hello = new RunnerHello { Capacity = 1 } });

        var ended = await agent.Ended;
        Assert.Equal(StatusCode.InvalidArgument, ended?.StatusCode);
        Assert.Contains("only valid as the first message", ended!.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(RunnerState.Offline, (await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct))).State);
    }

    [Fact]
    public async Task The_welcome_carries_the_runner_id_and_the_default_heartbeat_interval_and_lease_duration()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");

        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        Assert.Equal(registered.RunnerId, agent.Welcome.RunnerId);
        Assert.Equal(TimeSpan.FromSeconds(5), agent.Welcome.HeartbeatInterval.ToTimeSpan());
        Assert.Equal(TimeSpan.FromSeconds(15), agent.Welcome.LeaseDuration.ToTimeSpan());
        Assert.False(agent.Welcome.Draining);
        Assert.Empty(agent.Welcome.Reattached);
        Assert.Equal(RunnerState.Online, (await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct))).State);
    }

    [Fact]
    public async Task The_welcome_follows_the_configured_timings()
    {
        await using var server = await RunnerTestServer.StartAsync(output, "--heartbeat-interval", "2s", "--runner-lost-timeout", "7s");
        var registered = await server.RegisterAsync("r");

        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7)), (agent.Welcome.HeartbeatInterval.ToTimeSpan(), agent.Welcome.LeaseDuration.ToTimeSpan()));
    }

    [Fact]
    public async Task The_hello_labels_and_capacity_replace_the_registered_ones()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r", 1, "old");
        var hello = new RunnerHello { Capacity = 3, Labels = { "linux", "gpu" } };

        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, hello, server.Ct);

        var runner = await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct));
        Assert.Equal(3, runner.Capacity);
        Assert.Equal(["linux", "gpu"], runner.Labels);
    }

    [Fact]
    public async Task Heartbeats_are_acknowledged_and_recorded()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var before = DateTimeOffset.UtcNow;

        await agent.SendAsync(new ConnectRequest { Heartbeat = new RunnerHeartbeat { Running = 0 } });
        var ack = (await agent.NextAsync(Kind.HeartbeatAck)).HeartbeatAck;
        await agent.SendAsync(new ConnectRequest { Heartbeat = new RunnerHeartbeat { Running = 0 } });
        await agent.NextAsync(Kind.HeartbeatAck);

        Assert.True(ack.At.ToDateTimeOffset() >= before.AddSeconds(-1), ack.At.ToString());
        var runner = await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct));
        Assert.True(runner.LastHeartbeatAt >= before.AddSeconds(-1));
    }

    [Fact]
    public async Task Closing_the_stream_takes_the_runner_offline()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        await agent.CompleteAsync();

        Assert.Null(await agent.Ended);
        await server.WaitForAsync(
            () => server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct)),
            r => r.State == RunnerState.Offline,
            "the runner to go offline");
    }
}
