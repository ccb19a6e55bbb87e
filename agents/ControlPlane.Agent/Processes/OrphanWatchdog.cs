using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.Agent.Processes;

/// <summary>
/// Kills the agent's step process groups when the agent itself dies without stopping them (kill -9, a crash, the OOM
/// killer). Steps run in their own sessions, so nothing else would stop them, and a step that outlives its agent runs
/// unobserved and may do its work twice once the server places it again. The watchdog is a small <c>sh</c> in its own
/// session (terminal signals do not reach it) reading the live group ids from a pipe whose other end only the agent
/// holds: end of file means the agent is gone, and it sends SIGKILL to every group still listed. A step that started
/// a moment before the agent died may not be listed yet, so it also kills every process whose environment carries this
/// agent life's <see cref="InstanceVariable"/> (steps inherit it from the moment they exist).
/// </summary>
public sealed class OrphanWatchdog : IDisposable
{
    /// <summary>Set in every step's environment to <see cref="Instance"/>.</summary>
    public const string InstanceVariable = "CP_AGENT_INSTANCE";

    // '+pgid' adds a group, '-pgid' removes it; at end of input every listed group is killed, then (twice, for forks in
    // flight) every process still carrying the marker. $0 is the marker.
    private const string Script = """
        trap '' INT TERM HUP QUIT PIPE
        groups=' '
        while IFS= read -r line; do
          g=${line#?}
          case "$line" in
            +*) groups="$groups$g " ;;
            -*) case "$groups" in *" $g "*) groups="${groups%% $g *} ${groups#* $g }" ;; esac ;;
          esac
        done
        for g in $groups; do kill -9 "-$g" 2>/dev/null; done
        for round in 1 2; do
          for f in /proc/[0-9]*/environ; do
            if grep -qzx "CP_AGENT_INSTANCE=$0" "$f" 2>/dev/null; then p=${f#/proc/}; kill -9 "${p%/environ}" 2>/dev/null; fi
          done
        done
        """;

    private readonly Process _process;
    private readonly StreamWriter _input;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ProcessIdentity> _watched = [];

    private OrphanWatchdog(Process process, string instance)
    {
        Instance = instance;
        _process = process;
        _input = process.StandardInput;
        _input.AutoFlush = true;
    }

    /// <summary>Starts the watchdog process.</summary>
    public static OrphanWatchdog Start(string setsidPath = "setsid")
    {
        var start = new ProcessStartInfo(setsidPath)
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var instance = Guid.NewGuid().ToString("N");
        foreach (var argument in new[] { "/bin/sh", "-c", Script, instance })
        {
            start.ArgumentList.Add(argument);
        }

        return new OrphanWatchdog(Process.Start(start) ?? throw new InvalidOperationException("could not start the orphan watchdog"), instance);
    }

    /// <summary>This agent life's marker; put it in every step's environment as <see cref="InstanceVariable"/>.</summary>
    public string Instance { get; }

    /// <summary>The watchdog's pid, e.g. to check it is alive.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Watches a step's group (led by <paramref name="leader"/>) from now on.</summary>
    public void Watch(ProcessIdentity leader)
    {
        lock (_gate)
        {
            _watched[leader.ProcessGroupId] = leader;
            Send('+', leader.ProcessGroupId);
        }
    }

    /// <summary>
    /// The group is gone (or stopped by the agent); forget it, so its id can never hit a later group. Forgotten by the
    /// identity it was watched with: a stale forget for a leader whose group id a later group reuses changes nothing.
    /// </summary>
    public void Forget(ProcessIdentity leader)
    {
        lock (_gate)
        {
            if (_watched.TryGetValue(leader.ProcessGroupId, out var watched) && SameProcess(watched, leader))
            {
                _watched.Remove(leader.ProcessGroupId);
                Send('-', leader.ProcessGroupId);
            }
        }
    }

    /// <summary>Whether the group led by <paramref name="leader"/> is watched (and would be killed if the agent died now).</summary>
    public bool IsWatching(ProcessIdentity leader)
    {
        lock (_gate)
        {
            return _watched.TryGetValue(leader.ProcessGroupId, out var watched) && SameProcess(watched, leader);
        }
    }

    /// <summary>Stops the watchdog without killing anything: the agent is exiting in order.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            // Closing stdin would make it kill what is listed; the agent only exits once its steps are over, so the
            // list is empty by now, but a forced stop may leave some behind on purpose: those were cancelled already.
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }

    /// <summary>What the kernel does when the agent dies: the pipe's write end closes. For tests.</summary>
    internal void CloseInput()
    {
        lock (_gate)
        {
            _input.Close();
        }
    }

    private static bool SameProcess(ProcessIdentity a, ProcessIdentity b) =>
        a.Pid == b.Pid && a.StartTime == b.StartTime && string.Equals(a.BootId, b.BootId, StringComparison.Ordinal);

    // Called under _gate.
    private void Send(char operation, int processGroupId)
    {
        if (!_process.HasExited)
        {
            _input.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation}{processGroupId}"));
        }
    }
}
