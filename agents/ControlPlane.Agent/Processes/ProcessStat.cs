using System.Globalization;

namespace ControlPlane.Agent.Processes;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the agent needs to recognise and signal its processes.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="State">R, S, D, Z, T, ... (see proc(5)).</param>
/// <param name="ParentPid">Parent's pid; 1 (or a subreaper) once the parent has exited.</param>
/// <param name="ProcessGroupId">Process group id.</param>
/// <param name="SessionId">Session id.</param>
/// <param name="StartTime">Clock ticks after boot at which the process started; with the pid it names one process.</param>
internal readonly record struct ProcessStat(int Pid, char State, int ParentPid, int ProcessGroupId, int SessionId, long StartTime)
{
    // Fields after the command name, counted from the state (field 3 of proc(5)).
    private const int StateField = 0;
    private const int ParentField = 1;
    private const int GroupField = 2;
    private const int SessionField = 3;
    private const int StartTimeField = 19;

    /// <summary>A zombie (or a process being torn down) is dead: it runs no code and cannot be signalled away.</summary>
    public bool IsDead => State is 'Z' or 'X' or 'x';

    /// <summary>Parses one stat line; the command name may contain spaces and parentheses, so fields start after the last ')'.</summary>
    public static bool TryParse(string text, out ProcessStat stat)
    {
        stat = default;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > text.Length)
        {
            return false;
        }

        var fields = text[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= StartTimeField
            || !int.TryParse(text.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(fields[ParentField], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            || !int.TryParse(fields[GroupField], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            || !int.TryParse(fields[SessionField], NumberStyles.None, CultureInfo.InvariantCulture, out var session)
            || !long.TryParse(fields[StartTimeField], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || fields[StateField].Length != 1)
        {
            return false;
        }

        stat = new ProcessStat(pid, fields[StateField][0], parent, group, session, start);
        return true;
    }
}
