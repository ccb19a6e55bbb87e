using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Tests.Expressions;

/// <summary>Random token soup either parses and evaluates or fails with the two typed expression errors.</summary>
public class ExpressionFuzzTests
{
    private const int Seed = 7_919;

    private static readonly string[] Tokens =
    [
        "inputs", "steps", "matrix", "env", "run", "secrets", "nope", ".", "[", "]", "(", ")", "'a'", "'0x1'", "''", "1", "-2.5",
        "0xff", "1e3", "NaN", "true", "false", "null", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", ",", "x", "outputs",
        "contains(", "startsWith(", "format(", "'{0}'", "'{'", "join(", "toJSON(", "fromJSON(", "'[1,{\"a\":2}]'", "success(", "always(",
        "'", "=", "&", "\"", "#", " ",
    ];

    private static readonly ExpressionContext Context = new()
    {
        Inputs = new Dictionary<string, object?> { ["x"] = "1", ["list"] = new List<object?> { 1d, "a" } },
        Matrix = new Dictionary<string, object?> { ["x"] = 2d },
        Steps = new Dictionary<string, StepResult> { ["x"] = new(StepOutcome.Failure, new Dictionary<string, string> { ["x"] = "[1]" }, 1) },
        Status = new StatusContext(false, [StepOutcome.Success]),
    };

    [Fact]
    public void Random_expressions_only_fail_with_typed_errors()
    {
        var random = new Random(Seed);
        var (parsed, evaluated) = (0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(1, 12)).Select(_ => Tokens[random.Next(Tokens.Length)]));
            try
            {
                var node = ExpressionParser.Parse(text);
                parsed++;
                _ = ExpressionEvaluator.Evaluate(node, Context);
                evaluated++;
            }
            catch (Exception exception) when (exception is ExpressionSyntaxException or ExpressionEvaluationException)
            {
            }
            catch (Exception exception)
            {
                Assert.Fail($"seed {Seed}, case {i}: '{text}' threw {exception}");
            }
        }

        Assert.True(parsed > 100 && evaluated > 100, $"parsed {parsed}, evaluated {evaluated}");
    }
}
