using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Examples;

/// <summary>Realistic mistakes in the examples and exactly what a user sees for them.</summary>
public class BrokenExampleTests
{
    public static TheoryData<string, (string From, string To)[], string[]> Cases => new()
    {
        {
            "ci.yaml",
            [
                ("  timeout: 2m", "  timout: 2m"),
                ("needs: [lint, build, test]", "needs: [lint, biuld, test]"),
                ("steps.build.outputs.artifact }}\" >", "steps.build.outputs.artifcat }}\" >"),
            ],
            [
                "ci.yaml:17:3: error CP1001 defaults.timout: unknown key 'timout' in defaults; did you mean 'timeout'?",
                "ci.yaml:47:19: error CP1004 steps[3].needs[1]: unknown step 'biuld'; did you mean 'build'?",
                "ci.yaml:50:17: error CP1506 steps[3].run: step 'package' reads steps.build.outputs.artifcat but does not need 'build'; add it to needs",
                "ci.yaml:50:17: error CP1507 steps[3].run: step 'build' declares no output 'artifcat'; did you mean 'artifact'?",
            ]
        },
        {
            "deploy-with-rollback.yaml",
            [
                ("    default: staging", "    default: prod"),
                ("url: https://", "url: htps://"),
                ("on: [exit_code, error, timeout]", "on: [exit_code, eror, timeout]"),
                ("  - id: rollback\n    needs: health-check\n", "  - id: rollback\n"),
            ],
            [
                "deploy-with-rollback.yaml:9:14: error CP1202 inputs.environment.default: default of input 'environment' must be one of: staging, production; got 'prod'",
                "deploy-with-rollback.yaml:52:12: error CP1014 steps[3].http.url: 'htps://${{ inputs.environment }}.example.com/healthz' uses the scheme 'htps'; http steps support http and https",
                "deploy-with-rollback.yaml:63:23: error CP1012 steps[3].retry.on[1]: invalid retry condition 'eror'; expected one of: exit_code, timeout, runner_lost, error; did you mean 'error'?",
                "deploy-with-rollback.yaml:67:26: error CP1506 steps[4].if: step 'rollback' reads steps.health-check.outcome but does not need 'health-check'; add it to needs",
            ]
        },
        {
            "etl.yaml",
            [
                ("\"30 2 * * *\"", "\"30 2 * * MON-FRY\""),
                ("- source: .", "- source: ../shared"),
                ("    needs: extract\n", "    needs: [extract, load]\n"),
            ],
            [
                "etl.yaml:12:27: error CP1401 on.schedule[0].cron: invalid cron expression '30 2 * * MON-FRY': 'FRY' is not a valid day-of-week value; expected 0-7 or SUN-SAT",
                "etl.yaml:31:19: error CP1018 steps[0].docker.mounts[0].source: mount source '../shared' must be a relative path inside the step workspace",
                "etl.yaml:35:22: error CP1010 steps[1].needs[1]: dependency cycle: transform-orders -> load -> transform-orders",
                "etl.yaml:39:22: error CP1010 steps[2].needs[1]: dependency cycle: transform-customers -> load -> transform-customers",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broken_example_reports_every_mistake(string file, (string From, string To)[] edits, string[] expected)
    {
        var text = File.ReadAllText(Path.Combine(TestWorkflows.ExamplesDirectory(), file));
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        Assert.Equal(expected, TestWorkflows.Diagnose(text, file));
    }
}
