using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Each call gets its own service instance, unless the application registered the service in DI.</summary>
public sealed class ServiceActivationTests
{
    [Fact]
    public async Task A_service_instance_is_created_per_call_and_disposed_after_it()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<PerCallService>(probe);

        for (var i = 0; i < 2; i++)
        {
            var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), cancellationToken: timeout.Token);
            TestServers.AssertStatus(0, response, server);
        }

        Assert.Equal(["created 1", "call on 1", "disposed 1", "created 2", "call on 2", "disposed 2"], probe.Events);
    }

    [Fact]
    public async Task A_service_registered_in_DI_is_resolved_from_there_and_left_to_DI_to_dispose()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<PerCallService>(probe, services: services => services.AddSingleton<PerCallService>());

        for (var i = 0; i < 2; i++)
        {
            var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), cancellationToken: timeout.Token);
            TestServers.AssertStatus(0, response, server);
        }

        Assert.Equal(["created 1", "call on 1", "call on 1"], probe.Events);
    }
}
