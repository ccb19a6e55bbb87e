using System.Globalization;
using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Api;

/// <summary>
/// ListRuns page tokens: the id of the last run of the previous page, which the next page continues below. Clients
/// treat them as opaque; ids keep paging stable while new runs are created.
/// </summary>
internal static class RunPageToken
{
    public static string Format(RunId? next) => next is { } id ? "r" + id.Value.ToString(CultureInfo.InvariantCulture) : "";

    /// <exception cref="ApiArgumentException">Not a token ListRuns returned.</exception>
    public static RunId? Parse(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        return token.StartsWith('r') && long.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new RunId(id)
            : throw new ApiArgumentException("page_token", $"'{token}' is not a token ListRuns returned");
    }
}
