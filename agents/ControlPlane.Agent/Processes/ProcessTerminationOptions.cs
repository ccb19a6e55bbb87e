namespace ControlPlane.Agent.Processes;

/// <summary>How a step's processes are stopped: SIGINT, then SIGTERM, then SIGKILL to the whole group.</summary>
public sealed class ProcessTerminationOptions
{
    /// <summary>How long after SIGINT the group may take to exit before SIGTERM. Default 10 s.</summary>
    public TimeSpan InterruptGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after SIGTERM the group may take to exit before SIGKILL. Default 10 s.</summary>
    public TimeSpan TerminateGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to keep re-sending SIGKILL before reporting survivors (a process stuck in uninterruptible I/O).
    /// Default 30 s.
    /// </summary>
    public TimeSpan KillTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the process table is scanned while waiting for the group to exit. Default 50 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <exception cref="ArgumentException">A negative grace or a non-positive timeout or interval.</exception>
    public void Validate()
    {
        if (InterruptGrace < TimeSpan.Zero || TerminateGrace < TimeSpan.Zero)
        {
            throw new ArgumentException($"Grace periods must not be negative (interrupt {InterruptGrace}, terminate {TerminateGrace}).");
        }

        if (KillTimeout <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Kill timeout and poll interval must be positive (kill {KillTimeout}, poll {PollInterval}).");
        }
    }
}
