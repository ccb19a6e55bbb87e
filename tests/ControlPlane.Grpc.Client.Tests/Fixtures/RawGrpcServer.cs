using System.Collections.Concurrent;
using System.Net;
using ControlPlane.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grpc.Client.Tests.Fixtures;

/// <summary>
/// A plain Kestrel app on 127.0.0.1:0 speaking HTTP/2, cleartext and TLS, with no gRPC library: its endpoints
/// (<see cref="RawEndpoints"/>) write gRPC responses by hand, so each test pins down how the client reads one
/// exact wire response. Tests tag requests with <see cref="TestIdHeader"/> to observe them server-side.
/// </summary>
public sealed class RawGrpcServer : IAsyncLifetime
{
    public const string TestIdHeader = "x-test-id";

    private readonly ConcurrentDictionary<string, int> _arrivals = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _aborts = new();
    private readonly ConcurrentDictionary<string, Gate> _gates = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public Uri TlsAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(TestCertificate.Localhost.Certificate);
            });
        });
        _app = builder.Build();
        // Lets a test address the server as http://host:port/prefix, as behind a routing proxy.
        _app.UsePathBase("/prefix");
        _app.UseRouting();
        RawEndpoints.Map(_app, this);
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        TlsAddress = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public GrpcChannel Channel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options ?? new GrpcChannelOptions());

    /// <summary>Call options carrying a fresh test id (returned) plus <paramref name="headers"/>.</summary>
    public static CallOptions Options(out string testId, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        testId = Guid.NewGuid().ToString("N");
        var metadata = new Metadata { { TestIdHeader, testId } };
        foreach (var entry in headers ?? [])
        {
            metadata.Add(entry);
        }

        return new CallOptions(metadata, deadline ?? DateTime.UtcNow.AddSeconds(20), cancellationToken);
    }

    /// <summary>How many requests with this test id reached an endpoint.</summary>
    public int Arrivals(string testId) => _arrivals.GetValueOrDefault(testId);

    /// <summary>Completes when the server saw the request with this test id aborted by the client.</summary>
    public Task AbortObserved(string testId) => AbortSignal(testId).Task;

    internal void RecordArrival(HttpContext context)
    {
        var testId = TestId(context);
        _arrivals.AddOrUpdate(testId, 1, (_, count) => count + 1);
        context.RequestAborted.Register(() => AbortSignal(testId).TrySetResult());
    }

    internal Gate GateFor(HttpContext context, int size) => _gates.GetOrAdd(TestId(context), _ => new Gate(size));

    private static string TestId(HttpContext context) => context.Request.Headers[TestIdHeader].ToString();

    private TaskCompletionSource AbortSignal(string testId) =>
        _aborts.GetOrAdd(testId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Holds requests until <c>size</c> of them are in flight at once, then lets all go.</summary>
    internal sealed class Gate(int size)
    {
        private int _arrived;

        public TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arrive()
        {
            if (Interlocked.Increment(ref _arrived) == size)
            {
                AllArrived.TrySetResult();
            }
        }
    }
}
