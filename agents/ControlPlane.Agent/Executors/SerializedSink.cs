using System.Text;
using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Executors;

/// <summary>
/// Lets several tasks of one executor (an output copy, a pull's progress, the executor's own notes) share an
/// <see cref="IStepOutputSink"/> while keeping its contract: one call at a time.
/// </summary>
internal sealed class SerializedSink(IStepOutputSink inner) : IStepOutputSink, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(stream, bytes, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask CompleteAsync(LogStream stream, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.CompleteAsync(stream, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes <paramref name="line"/> and a newline to <see cref="LogStream.System"/>.</summary>
    public ValueTask WriteSystemLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(LogStream.System, Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);

    public void Dispose() => _gate.Dispose();
}
