using ControlPlane.Cli.Api;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Text;

namespace ControlPlane.Cli.Commands;

/// <summary>A runner named on the command line by id or by name; a name is looked up with ListRunners.</summary>
internal static class RunnerReference
{
    /// <summary>The runner's id.</summary>
    public static async Task<long> ResolveAsync(ApiConnection api, string reference, CancellationToken cancellationToken)
    {
        if (long.TryParse(reference, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        var runners = await api.CallAsync(o => api.Admin.ListRunnersAsync(new ListRunnersRequest(), o), cancellationToken);
        return runners.Runners.FirstOrDefault(r => r.Name == reference)?.Id
            ?? throw new CliException(ExitCodes.Failed, $"no runner named '{reference}'{NameSuggester.Hint(reference, runners.Runners.Select(r => r.Name))}");
    }
}
