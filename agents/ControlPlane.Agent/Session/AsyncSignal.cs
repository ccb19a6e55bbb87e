namespace ControlPlane.Agent.Session;

/// <summary>
/// Wakes waiters when something changed. Take <see cref="Next"/> before checking the condition you wait for, then
/// await it: a <see cref="Set"/> in between completes the task you hold, so no wake-up is lost.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Set"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Set() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
