using ControlPlane.Cli.Configuration;
using ControlPlane.Contracts.Transport;
using ControlPlane.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Cli.Api;

/// <summary>
/// One channel to the server and its clients. Every call carries <c>authorization: Bearer TOKEN</c> when a token is
/// configured; unary calls get the configured timeout (<see cref="CliSettings.CallTimeout"/>) so a hung server cannot hang the CLI.
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    /// <summary>The longest the channel waits before it tries to connect again after a failed connection.</summary>
    public static readonly TimeSpan ChannelReconnectBackoff = TimeSpan.FromSeconds(1);

    private readonly GrpcChannel _channel;
    private readonly Metadata _headers = new();

    public ApiConnection(CliSettings settings)
    {
        Settings = settings;
        var handler = settings.CaCert is { } ca ? OpenTrusting(ca) : GrpcHttpHandlers.Create();
        _channel = GrpcChannel.ForAddress(settings.Server, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // Watches and follows reconnect on their own; the channel's connection backoff (up to 120 s by default)
            // would otherwise fail their retries at once long after the server is back.
            InitialReconnectBackoff = ChannelReconnectBackoff,
            MaxReconnectBackoff = ChannelReconnectBackoff,
        });
        if (!string.IsNullOrEmpty(settings.Token))
        {
            _headers.Add("authorization", "Bearer " + settings.Token);
        }

        Workflows = new WorkflowService.WorkflowServiceClient(_channel);
        Runs = new RunService.RunServiceClient(_channel);
        Admin = new AdminService.AdminServiceClient(_channel);
        Notifications = new NotificationService.NotificationServiceClient(_channel);
        Stats = new StatsService.StatsServiceClient(_channel);
    }

    /// <summary>What this connection was made from.</summary>
    public CliSettings Settings { get; }

    public WorkflowService.WorkflowServiceClient Workflows { get; }

    public RunService.RunServiceClient Runs { get; }

    public AdminService.AdminServiceClient Admin { get; }

    public NotificationService.NotificationServiceClient Notifications { get; }

    public StatsService.StatsServiceClient Stats { get; }

    /// <summary>Options for a unary call: credentials and a deadline.</summary>
    public CallOptions Unary(CancellationToken cancellationToken) =>
        new(_headers, DateTime.UtcNow + Settings.CallTimeout, cancellationToken);

    /// <summary>Options for a stream that may stay open as long as the caller wants: credentials, no deadline.</summary>
    public CallOptions Streaming(CancellationToken cancellationToken) => new(_headers, null, cancellationToken);

    /// <summary>Runs a unary call, turning an RPC failure into a <see cref="CliException"/>.</summary>
    public async Task<T> CallAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(Unary(cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.Translate(e, Settings.Server);
        }
    }

    public void Dispose() => _channel.Dispose();

    private static SocketsHttpHandler OpenTrusting(string caCert)
    {
        try
        {
            return GrpcHttpHandlers.CreateTrusting(caCert);
        }
        catch (Exception e) when (e is IOException or ArgumentException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new Parsing.UsageException($"CA certificate '{caCert}' cannot be used: {e.Message}", e);
        }
    }
}
