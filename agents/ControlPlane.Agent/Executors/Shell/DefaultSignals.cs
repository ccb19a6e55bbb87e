using System.ComponentModel;
using System.Diagnostics;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Gives a step's shell the default dispositions of SIGINT and SIGQUIT. An agent started where they are ignored (a
/// script's <c>cp-agent &amp;</c>, some supervisors) passes the ignore on through exec, .NET keeps it on purpose, and
/// a shell cannot undo an ignore it inherited: the step would never see the SIGINT that starts a cancel, and every
/// cancel would wait out the interrupt grace. <c>env --default-signal</c> (GNU coreutils 8.31 and later) resets them
/// between setsid and the shell without a fork, so the shell keeps the pid the agent recorded. Where env lacks the
/// option, the prefix is empty and the signals are left as inherited.
/// </summary>
internal static class DefaultSignals
{
    private const string EnvPath = "/usr/bin/env";
    private const string Option = "--default-signal=INT,QUIT";
    private static readonly Lazy<Task<string[]>> Prefix = new(ProbeAsync);

    /// <summary>Arguments to put before the shell's path, after setsid: the env wrapper, or nothing.</summary>
    public static Task<string[]> PrefixAsync() => Prefix.Value;

    private static async Task<string[]> ProbeAsync()
    {
        try
        {
            var probe = new ProcessStartInfo(EnvPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            probe.ArgumentList.Add(Option);
            probe.ArgumentList.Add("true");
            using var process = Process.Start(probe);
            if (process is null)
            {
                return [];
            }

            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? [EnvPath, Option] : [];
        }
        catch (Win32Exception)
        {
            return [];
        }
    }
}
