using System.Diagnostics;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.Core.Tests.Definitions;

/// <summary>
/// Damaged workflow files either load or fail with <see cref="WorkflowValidationException"/>; nothing
/// else, and never slowly. Set CP_MUTATION_SEED to explore other cases; a failure prints the seed
/// that reproduces it.
/// </summary>
public class MutationPropertyTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_260_311;
    private const int CasesPerFile = 700;
    private static readonly TimeSpan SlowCase = TimeSpan.FromSeconds(2);

    private const string JsonWorkflow = """
        {
          "name": "json-ci",
          "inputs": {"target": {"type": "choice", "options": ["a", "b"], "default": "a"}},
          "steps": [
            {"id": "build", "run": "echo ${{ inputs.target }}", "outputs": {"v": "${{ result.outputs.v }}"}},
            {"id": "test", "needs": ["build"], "matrix": {"shard": [1, 2]}, "run": "echo ${{ steps.build.outputs.v }} ${{ matrix.shard }}"},
            {"parallel": [{"id": "x", "needs": "test", "sleep": "1s"}, {"id": "y", "needs": "test", "http": {"url": "https://example.com"}}]}
          ]
        }
        """;

    [Fact]
    public async Task Mutated_files_either_load_or_fail_with_diagnostics()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CP_MUTATION_SEED"), out var chosen) ? chosen : DefaultSeed;
        var sources = Directory.GetFiles(TestWorkflows.ExamplesDirectory())
            .Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileName(path), Text: File.ReadAllText(path)))
            .Append(("mutated.json", JsonWorkflow))
            .ToList();
        var current = "(not started)";
        var outcomes = new Dictionary<string, int>();

        var run = Task.Run(() =>
        {
            for (var i = 0; i < sources.Count * CasesPerFile; i++)
            {
                var (name, original) = sources[i % sources.Count];
                var caseSeed = seed + i;
                var text = new TextMutator(new Random(caseSeed)).Mutate(original);
                current = $"seed {seed}, case {i} (case seed {caseSeed}) on {name}:\n{text}";
                var outcome = Check(name, text, current);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });

        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail("mutation run did not finish; it hung on " + current);
        }

        output.WriteLine($"seed {seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("invalid") > 0 && outcomes.GetValueOrDefault("planned") > 0, "the mutations should produce both valid and invalid files");
    }

    private static string Check(string name, string text, string reproduction)
    {
        var stopwatch = Stopwatch.StartNew();
        var outcome = Outcome(name, text, reproduction);
        if (stopwatch.Elapsed > SlowCase)
        {
            throw new Xunit.Sdk.XunitException($"took {stopwatch.Elapsed} for {reproduction}");
        }

        return outcome;
    }

    private static string Outcome(string name, string text, string reproduction)
    {
        try
        {
            var definition = WorkflowLoader.Load(name, text);
            _ = WorkflowContentHash.Compute(definition);
            var plan = WorkflowPlanner.TryPlan(definition, new Dictionary<string, string> { ["version"] = "1.0.0" });
            if (plan.Plan is not null)
            {
                _ = PlanRenderer.Render(plan.Plan);
            }

            return plan.Plan is null ? "unplannable" : "planned";
        }
        catch (WorkflowValidationException exception)
        {
            Assert.True(exception.Diagnostics.Any(d => d.IsError), "a validation exception must carry an error: " + reproduction);
            Assert.All(exception.Diagnostics, d => Assert.Equal(name, d.Location.File));
            return "invalid";
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"unexpected {exception.GetType().Name}: {exception.Message}\nreproduce with {reproduction}\n{exception}");
        }
    }
}
