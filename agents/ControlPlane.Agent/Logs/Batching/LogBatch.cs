namespace ControlPlane.Agent.Logs.Batching;

/// <summary>A range of an attempt's log to ship together: [Offset, Offset + Length).</summary>
public readonly record struct LogBatch(long Offset, long Length)
{
    public long EndOffset => Offset + Length;
}
