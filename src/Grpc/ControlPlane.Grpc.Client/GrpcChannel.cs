using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client.Internal;

namespace Grpc.Net.Client;

/// <summary>
/// A gRPC channel over HTTP/2: <c>http://</c> addresses use cleartext HTTP/2 with prior knowledge (h2c),
/// <c>https://</c> addresses use TLS with ALPN. Thread-safe; create one per server and share it.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    internal const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    private readonly HttpMessageInvoker? _invoker;
    private readonly HttpClient? _httpClient;
    private readonly bool _disposeHttpClient;
    private readonly string _pathPrefix;
    // Keyed by name, not by IMethod instance: a caller that builds a Method per call must not grow the cache.
    private readonly ConcurrentDictionary<string, Uri> _requestUris = new(StringComparer.Ordinal);
    private readonly HashSet<GrpcCallBase> _activeCalls = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private readonly HttpCallInvoker _callInvoker;
    private bool _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        if (options.HttpHandler is not null && options.HttpClient is not null)
        {
            throw new ArgumentException("Only one of GrpcChannelOptions.HttpHandler and GrpcChannelOptions.HttpClient may be set.", nameof(options));
        }

        // A path in the address (a proxy's route prefix) comes before /service/method.
        _pathPrefix = address.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _httpClient = options.HttpClient;
        _disposeHttpClient = options.DisposeHttpClient;
        if (_httpClient is null)
        {
            // The channel's own handler always goes with it; a caller's handler only when asked.
            var handler = options.HttpHandler ?? GrpcHttpHandlers.Create();
            _invoker = new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpClient);
        }

        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        ThrowOperationCanceledOnCancellation = options.ThrowOperationCanceledOnCancellation;
        _callInvoker = new HttpCallInvoker(this);
    }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal bool ThrowOperationCanceledOnCancellation { get; }

    /// <summary>A channel to <paramref name="address"/> (<c>http://host:port</c> or <c>https://host:port</c>) with default options.</summary>
    public static GrpcChannel ForAddress(string address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>A channel to <paramref name="address"/>; a path in the address prefixes every method path.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions channelOptions)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{address}' is not an absolute http:// or https:// address.", nameof(address));
        }

        return ForAddress(uri, channelOptions);
    }

    /// <summary>A channel to <paramref name="address"/> with default options.</summary>
    public static GrpcChannel ForAddress(Uri address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>A channel to <paramref name="address"/>; a path in the address prefixes every method path.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(channelOptions);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not an absolute http:// or https:// address.", nameof(address));
        }

        return new GrpcChannel(address, channelOptions);
    }

    /// <summary>The invoker generated clients call through; shared, thread-safe.</summary>
    public override CallInvoker CreateCallInvoker()
    {
        ThrowIfDisposed();
        return _callInvoker;
    }

    /// <summary>Cancels the calls in flight and releases the connections. Calls started afterwards throw.</summary>
    public void Dispose()
    {
        List<GrpcCallBase> active;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            active = [.. _activeCalls];
        }

        foreach (var call in active)
        {
            call.CancelBecauseChannelDisposed();
        }

        _invoker?.Dispose();
        if (_disposeHttpClient)
        {
            _httpClient?.Dispose();
        }
    }

    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    internal void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
    }

    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _httpClient is not null
            ? _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : _invoker!.SendAsync(request, cancellationToken);

    internal Uri GetRequestUri(IMethod method) =>
        _requestUris.GetOrAdd(method.FullName, static (fullName, prefix) => new Uri(prefix + fullName), _pathPrefix);

    internal bool TryTrack(GrpcCallBase call)
    {
        lock (_lock)
        {
            return !_disposed && _activeCalls.Add(call);
        }
    }

    internal void Untrack(GrpcCallBase call)
    {
        lock (_lock)
        {
            _activeCalls.Remove(call);
        }
    }
}
