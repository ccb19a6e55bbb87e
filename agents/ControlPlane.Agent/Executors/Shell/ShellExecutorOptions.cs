using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>Where shell steps run and how they are started, observed and stopped.</summary>
public sealed class ShellExecutorOptions
{
    /// <summary>Absolute directory under which each attempt gets <c>{run}/{step}/{attempt}/</c>. Required.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>Cancel, timeout and orphan clean-up escalation (SIGINT, SIGTERM, SIGKILL). Defaults 10 s, 10 s.</summary>
    public ProcessTerminationOptions Termination { get; set; } = new();

    /// <summary>
    /// How long, after the group is gone, to keep reading stdout and stderr before giving up on a process that escaped
    /// the group and still holds them open. Default 5 s.
    /// </summary>
    public TimeSpan OutputDrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the process table is scanned while the step runs, to remember descendants that leave the group (for
    /// example through <c>setsid</c>) while their parent is still alive, so they are stopped with it. Default 1 s;
    /// <see cref="TimeSpan.Zero"/> turns the scan off.
    /// </summary>
    public TimeSpan DescendantScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the started process may take to become its own session and group leader. Default 5 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest <c>$CP_OUTPUT</c> file read; a larger one yields no outputs and a warning. Default 1 MiB.</summary>
    public int MaxOutputsFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Size of each read from stdout or stderr (the most bytes one sink call carries). Default 64 KiB.</summary>
    public int ReadBufferSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Whether steps start from the agent's environment (PATH, HOME, ...). Default true. <c>CP_*</c> variables of the
    /// agent are never passed on.
    /// </summary>
    public bool InheritAgentEnvironment { get; set; } = true;

    /// <summary>
    /// The unprivileged user steps run as (see <see cref="StepUserCommand"/>), or null for the agent's own user. Needs
    /// the agent to run as root.
    /// </summary>
    public StepUser? StepUser { get; set; }

    /// <summary>The util-linux <c>setpriv</c> program that drops a step to <see cref="StepUser"/>. Default from PATH.</summary>
    public string SetprivPath { get; set; } = StepUserCommand.Program;

    /// <summary>The util-linux <c>setsid</c> program that puts the shell in a new session. Default <c>setsid</c> (from PATH).</summary>
    public string SetsidPath { get; set; } = "setsid";

    /// <exception cref="ArgumentException">A relative work directory or an out-of-range value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkDirectory) || !Path.IsPathRooted(WorkDirectory))
        {
            throw new ArgumentException($"The work directory must be absolute, was '{WorkDirectory}'.", nameof(WorkDirectory));
        }

        Termination.Validate();
        if (OutputDrainTimeout < TimeSpan.Zero || DescendantScanInterval < TimeSpan.Zero || StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Drain timeout and scan interval must not be negative; the start timeout must be positive.");
        }

        if (MaxOutputsFileBytes <= 0 || ReadBufferSize <= 0)
        {
            throw new ArgumentException("The outputs file cap and the read buffer size must be positive.");
        }
    }
}
