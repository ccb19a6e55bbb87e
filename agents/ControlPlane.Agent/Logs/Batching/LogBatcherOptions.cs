namespace ControlPlane.Agent.Logs.Batching;

/// <summary>How log bytes are cut into shipping batches: whichever limit is reached first cuts.</summary>
public sealed class LogBatcherOptions
{
    /// <summary>The most bytes in one batch. Default 1 MiB.</summary>
    public int MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest a byte waits for its batch to be cut, counted from the first byte of the batch. Default 200 ms.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <exception cref="ArgumentException">A non-positive limit.</exception>
    public void Validate()
    {
        if (MaxBatchBytes <= 0 || MaxBatchDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Batch limits must be positive (bytes {MaxBatchBytes}, delay {MaxBatchDelay}).");
        }
    }
}
