using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Tests.Support;

/// <summary>Keeps every byte a step writes, per stream and in arrival order, and checks the sink contract as it goes.</summary>
internal sealed class RecordingSink : IStepOutputSink
{
    private readonly Lock _gate = new();
    private readonly List<byte> _stdout = [];
    private readonly List<byte> _stderr = [];
    private readonly HashSet<LogStream> _completed = [];
    private readonly TaskCompletionSource _firstOutput = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;

    public byte[] Stdout => Snapshot(_stdout);

    public byte[] Stderr => Snapshot(_stderr);

    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);

    public bool OverlappingCallSeen { get; private set; }

    public IReadOnlySet<LogStream> Completed
    {
        get
        {
            lock (_gate)
            {
                return _completed.ToHashSet();
            }
        }
    }

    /// <summary>Completes when the first stdout byte arrives (a script prints "ready" once its traps are set).</summary>
    public Task FirstOutput => _firstOutput.Task;

    public async ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            // A yield inside the call makes overlapping calls visible if the executor ever made them.
            await Task.Yield();
            lock (_gate)
            {
                Assert.DoesNotContain(stream, _completed);
                (stream == LogStream.Stdout ? _stdout : _stderr).AddRange(bytes.Span);
            }

            if (stream == LogStream.Stdout)
            {
                _firstOutput.TrySetResult();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public ValueTask CompleteAsync(LogStream stream, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Assert.True(_completed.Add(stream), $"{stream} completed twice");
        }

        return ValueTask.CompletedTask;
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) > 1)
        {
            OverlappingCallSeen = true;
        }
    }

    private byte[] Snapshot(List<byte> bytes)
    {
        lock (_gate)
        {
            return [.. bytes];
        }
    }
}
