using System.Text;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Tests.Executors.Support;

/// <summary>
/// Keeps every byte an executor writes, per stream (stdout, stderr, system) in arrival order, and checks the sink
/// contract as it goes: never two calls at once, nothing after a stream's completion.
/// </summary>
internal sealed class StepLogSink : IStepOutputSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LogStream, List<byte>> _bytes = new()
    {
        [LogStream.Stdout] = [],
        [LogStream.Stderr] = [],
        [LogStream.System] = [],
    };

    private readonly HashSet<LogStream> _completed = [];
    private int _inside;

    /// <summary>Throws from every write once set (a spool that cannot be written).</summary>
    public Exception? FailWith { get; set; }

    public bool OverlappingCallSeen { get; private set; }

    public byte[] Stdout => Bytes(LogStream.Stdout);

    public byte[] Stderr => Bytes(LogStream.Stderr);

    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public string StderrText => Encoding.UTF8.GetString(Stderr);

    public string SystemText => Encoding.UTF8.GetString(Bytes(LogStream.System));

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

    public async ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inside) > 1)
        {
            OverlappingCallSeen = true;
        }

        try
        {
            // A yield inside the call makes overlapping calls visible if the executor ever made them.
            await Task.Yield();
            if (FailWith is { } failure)
            {
                throw failure;
            }

            lock (_gate)
            {
                Assert.DoesNotContain(stream, _completed);
                _bytes[stream].AddRange(bytes.Span);
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

    private byte[] Bytes(LogStream stream)
    {
        lock (_gate)
        {
            return [.. _bytes[stream]];
        }
    }
}
