using System.Text.RegularExpressions;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Support;

/// <summary>Reads what cpctl printed back into ids and messages.</summary>
public static partial class RunIds
{
    /// <summary>The id in "run 12 started ...".</summary>
    public static long FromStarted(CliResult result)
    {
        var match = StartedLine().Match(result.StandardOutput);
        Assert.True(match.Success, $"no 'run N started' line:\n{result}");
        return long.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <c>runs get -o json</c> until <paramref name="done"/> holds.</summary>
    public static async Task<GetRunResponse> WaitForAsync(ControlPlaneFixture fixture, long runId, Func<GetRunResponse, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var result = await fixture.CpctlAsync("runs", "get", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json");
            Assert.True(result.ExitCode == 0, result.ToString());
            var run = GetRunResponse.Parser.ParseJson(result.StandardOutput);
            if (done(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {runId} never reached the expected state; last:\n{result}\n{fixture.Transcript}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"run (?<id>\d+) started")]
    private static partial Regex StartedLine();
}
