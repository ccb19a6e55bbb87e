using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ControlPlane.Server.Health;

/// <summary>
/// The serving status of the server ("" ) and of each named service, with change notifications for Watch.
/// Thread-safe; watchers get the latest status, never a backlog.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<(string Service, Channel<ServingStatus> Channel)> _watchers = [];

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
            _statuses[service] = status;
            foreach (var watcher in _watchers.Where(w => w.Service == service))
            {
                watcher.Channel.Writer.TryWrite(status);
            }
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
