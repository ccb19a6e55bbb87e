using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using ControlPlane.Testing;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Starts a cleartext test server hosting one service, and asserts on calls with its log at hand.</summary>
internal static class TestServers
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static Task<TestGrpcServer> StartAsync<TService>(
        CallProbe? probe = null, Action<GrpcServiceOptions>? options = null, Action<IServiceCollection>? services = null)
        where TService : class =>
        TestGrpcServer.StartAsync(new TestGrpcServerOptions
        {
            ConfigureServices = collection =>
            {
                collection.AddGrpc(options);
                if (probe is not null)
                {
                    collection.AddSingleton(probe);
                }

                services?.Invoke(collection);
            },
            MapEndpoints = endpoints => endpoints.MapGrpcService<TService>(),
            EnableTls = false,
        });

    public static void AssertStatus(int expected, WireResponse response, TestGrpcServer server) =>
        Assert.True(
            response.GrpcStatus == expected,
            $"expected grpc-status {expected}, got {response.GrpcStatus} ({response.GrpcMessage})\n{response}\n--- server log ---\n{server.Logs}");

    /// <summary>A plain EmptyCall on a fresh connection succeeds: the server is still serving.</summary>
    public static async Task AssertStillServesAsync(TestGrpcServer server, CancellationToken cancellationToken)
    {
        var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new global::Grpc.Testing.Empty()), cancellationToken: cancellationToken);
        AssertStatus(0, response, server);
        Assert.Single(response.Messages);
    }
}
