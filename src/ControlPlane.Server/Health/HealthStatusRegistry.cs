using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ControlPlane.Server.Health;

/// <summary>
/// The serving status of the server ("" ) and of each named service, with change notifications for Watch, and the
/// reason while not serving. Thread-safe; watchers get the latest status, never a backlog.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<(string Service, Channel<ServingStatus> Channel)> _watchers = [];
    private string? _storeFailure;
    private bool _stopping;

    /// <summary>Why the server is not serving ("stopping", "the database cannot be written: ..."), or null while it serves.</summary>
    public string? Reason
    {
        get
        {
            lock (_gate)
            {
                return _stopping ? "stopping" : _storeFailure;
            }
        }
    }

    /// <summary>
    /// Every known service NOT_SERVING with <paramref name="reason"/> while the database cannot be written, or SERVING
    /// again when <paramref name="reason"/> is null; a server that is stopping stays NOT_SERVING.
    /// </summary>
    public void SetStoreFailure(string? reason)
    {
        lock (_gate)
        {
            _storeFailure = reason;
            if (!_stopping)
            {
                SetAllLocked(reason is null ? ServingStatus.Serving : ServingStatus.NotServing);
            }
        }
    }

    /// <summary>Every known service NOT_SERVING for good: the server is shutting down.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            SetAllLocked(ServingStatus.NotServing);
        }
    }

    /// <summary>The status of a service, or null when the service is unknown.</summary>
    public ServingStatus? Get(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    public void Set(string service, ServingStatus status)
    {
        lock (_gate)
        {
            SetLocked(service, status);
        }
    }

    /// <summary>Sets every known service, the server included, to one status (e.g. NOT_SERVING on shutdown).</summary>
    public void SetAll(ServingStatus status)
    {
        List<string> services;
        lock (_gate)
        {
            services = [.. _statuses.Keys];
        }

        foreach (var service in services)
        {
            Set(service, status);
        }
    }

    private void SetAllLocked(ServingStatus status)
    {
        foreach (var service in _statuses.Keys.ToList())
        {
            SetLocked(service, status);
        }
    }

    private void SetLocked(string service, ServingStatus status)
    {
        _statuses[service] = status;
        foreach (var watcher in _watchers.Where(w => w.Service == service))
        {
            watcher.Channel.Writer.TryWrite(status);
        }
    }

    /// <summary>Yields the current status (SERVICE_UNKNOWN if unknown), then each change, until cancelled.</summary>
    public async IAsyncEnumerable<ServingStatus> WatchAsync(string service, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var entry = (service, channel);
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var current) ? current : ServingStatus.ServiceUnknown);
            _watchers.Add(entry);
        }

        try
        {
            ServingStatus? last = null;
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (status != last)
                {
                    last = status;
                    yield return status;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(entry);
            }
        }
    }
}
