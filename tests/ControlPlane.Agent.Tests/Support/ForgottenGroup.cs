using System.Diagnostics;
using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Tests.Support;

/// <summary>
/// A process group started the way a previous life of the agent would have (setsid, its own session), then
/// "forgotten": the test keeps only what the state file would hold. Disposing kills whatever is left.
/// </summary>
internal sealed class ForgottenGroup : IDisposable
{
    private ForgottenGroup(ProcessIdentity recorded)
    {
        Recorded = recorded;
    }

    /// <summary>What the state file would have recorded: pid, pgid, start time and boot id.</summary>
    public ProcessIdentity Recorded { get; }

    public static async Task<ForgottenGroup> StartAsync(string script)
    {
        var start = new ProcessStartInfo("setsid") { ArgumentList = { "bash", "-c", script }, RedirectStandardInput = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var pid = process.Id;
        await Proc.WaitUntilAsync(() => Proc.Read(pid) is not { } s || s.ProcessGroupId == pid, TimeSpan.FromSeconds(5), "setsid has run");
        var stat = Proc.Read(pid) ?? throw new InvalidOperationException("the leader exited before it could be recorded");
        var bootId = (await File.ReadAllTextAsync("/proc/sys/kernel/random/boot_id")).Trim();
        return new ForgottenGroup(new ProcessIdentity(pid, pid, stat.StartTime, bootId));
    }

    public List<Proc.Stat> LiveMembers() => Proc.LiveInGroupOrSession(Recorded.ProcessGroupId);

    public void Dispose()
    {
        foreach (var member in LiveMembers())
        {
            Proc.Kill(member.Pid);
        }
    }
}
