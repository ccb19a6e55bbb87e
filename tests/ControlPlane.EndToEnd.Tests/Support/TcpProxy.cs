using System.Net;
using System.Net.Sockets;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// Forwards loopback TCP connections to a target and can cut them all at once (a dropped link: both ends see a reset)
/// or pause (a partition: sockets stay open, nothing gets through either way, new connections hang; what was sent
/// meanwhile arrives after <see cref="Resume"/>, as TCP retransmits would deliver it), without touching either process.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = Open();

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections were cut so far.</summary>
    public int Cuts { get; private set; }

    /// <summary>True while paused.</summary>
    public bool IsPaused => !_flowing.Task.IsCompleted;

    /// <summary>Stops forwarding in both directions on every connection, open or new, until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Forwards again, delivering what was held back.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
    }

    /// <summary>Resets every open connection (new ones are accepted again).</summary>
    public void CutAll()
    {
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                if (connection.Client is { } socket)
                {
                    // Linger 0: the close sends a reset, as a broken link would look to both ends.
                    socket.LingerState = new LingerOption(true, 0);
                    Cuts++;
                }

                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Resume();
        _listener.Stop();
        CutAll();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_gate)
            {
                _connections.Add(inbound);
            }

            _ = ConnectAsync(inbound);
        }
    }

    private async Task ConnectAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            // A partitioned link does not complete new connections either.
            await Flowing().WaitAsync(_stop.Token);
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            inbound.Dispose();
            outbound.Dispose();
            return;
        }

        lock (_gate)
        {
            _connections.Add(outbound);
        }

        _ = PumpAsync(inbound, outbound);
        _ = PumpAsync(outbound, inbound);
    }

    private Task Flowing()
    {
        lock (_gate)
        {
            return _flowing.Task;
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer);
                await Flowing().WaitAsync(_stop.Token);
                if (read == 0)
                {
                    break;
                }

                await target.WriteAsync(buffer.AsMemory(0, read));
            }

            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
