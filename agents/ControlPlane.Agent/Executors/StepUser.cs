using System.Globalization;
using System.Text.RegularExpressions;
using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Executors;

/// <summary>
/// The unprivileged user shell steps run as (<c>--step-user</c>): their process group gets its uid, primary gid and
/// supplementary groups, their workspace belongs to it, and the agent's state directory is out of its reach.
/// </summary>
/// <param name="Name">The user name, for HOME, USER and LOGNAME.</param>
/// <param name="Home">The user's home directory from the user database (HOME of the step).</param>
public sealed partial record StepUser(string Name, int UserId, int GroupId, string Home)
{
    /// <summary>Resolves a user name, or a numeric uid, from the system's user database.</summary>
    /// <returns>The user, or the reason it cannot be a step user (to follow "--step-user: ").</returns>
    public static (StepUser? User, string? Problem) Resolve(string nameOrId)
    {
        if (!NamePattern().IsMatch(nameOrId))
        {
            return (null, $"'{Printable(nameOrId)}' is not a valid user name or uid: use 1-32 letters, digits, '.', '_' or '-', not starting with '-'");
        }

        var entry = int.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? Passwd.ById(id) : Passwd.ByName(nameOrId);
        if (entry is not { } found)
        {
            return (null, $"no user '{nameOrId}' on this machine (getent passwd {nameOrId} finds nothing)");
        }

        if (found.UserId == 0 || found.GroupId == 0)
        {
            return (null, $"'{nameOrId}' is root (uid {found.UserId}, gid {found.GroupId}); a step user must be an unprivileged user");
        }

        return (new StepUser(found.Name, found.UserId, found.GroupId, string.IsNullOrEmpty(found.Home) ? "/" : found.Home), null);
    }

    private static string Printable(string text) => string.Concat(text.Take(64).Select(c => char.IsControl(c) ? '?' : c));

    [GeneratedRegex("^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex NamePattern();
}
