using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Tests.Expressions.Evaluation;

public class ExpressionEvaluatorTests
{
    private static readonly ExpressionContext Context = new()
    {
        Inputs = new Dictionary<string, object?> { ["environment"] = "Production", ["count"] = 3d, ["deploy"] = true, ["empty"] = "" },
        Env = new Dictionary<string, string> { ["HOME"] = "/root" },
        Matrix = new Dictionary<string, object?> { ["os"] = "linux", ["node"] = 20d },
        Steps = new Dictionary<string, StepResult>
        {
            ["build"] = new(StepOutcome.Success, new Dictionary<string, string> { ["version"] = "1.2.3", ["list"] = "[1,2,3]" }, 0),
            ["test"] = new(StepOutcome.Failure, new Dictionary<string, string>(), 2),
        },
        Secrets = new Dictionary<string, string> { ["TOKEN"] = "s3cret" },
        Run = new RunInfo("run-42", 2),
    };

    [Theory]
    [InlineData("inputs.environment", "Production")]
    [InlineData("inputs['environment']", "Production")]
    [InlineData("INPUTS.Environment", "Production")]
    [InlineData("inputs.count", 3d)]
    [InlineData("inputs.missing", null)]
    [InlineData("inputs.environment.length", null)]
    [InlineData("env.HOME", "/root")]
    [InlineData("matrix.node", 20d)]
    [InlineData("steps.build.outputs.version", "1.2.3")]
    [InlineData("steps.build.outcome", "success")]
    [InlineData("steps.test.exit_code", 2d)]
    [InlineData("steps.nope.outcome", null)]
    [InlineData("run.id", "run-42")]
    [InlineData("run.attempt", 2d)]
    [InlineData("secrets.TOKEN", "s3cret")]
    [InlineData("fromJSON(steps.build.outputs.list)[1]", 2d)]
    [InlineData("fromJSON(steps.build.outputs.list)[7]", null)]
    public void Contexts_are_read_by_property_and_index(string expression, object? expected)
    {
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(expression, Context));
    }

    [Theory]
    [InlineData("inputs.environment == 'production'", true)]
    [InlineData("'abc' != 'ABC'", false)]
    [InlineData("inputs.count > 2", true)]
    [InlineData("inputs.count >= 3 && inputs.count <= 3", true)]
    [InlineData("'b' > 'A'", true)]
    [InlineData("'10' == 10", true)]
    [InlineData("null == 0", true)]
    [InlineData("true == 1", true)]
    [InlineData("'' == 0", true)]
    [InlineData("' 0xff ' == 255", true)]
    [InlineData("'abc' == 0", false)]
    [InlineData("NaN == NaN", false)]
    [InlineData("'x' < 1", false)]
    [InlineData("!inputs.deploy", false)]
    [InlineData("!inputs.empty", true)]
    [InlineData("!0", true)]
    [InlineData("!'false'", false)]
    public void Comparisons_coerce_like_github_actions(string expression, bool expected)
    {
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(expression, Context));
    }

    [Theory]
    [InlineData("inputs.empty || 'fallback'", "fallback")]
    [InlineData("inputs.environment || 'fallback'", "Production")]
    [InlineData("inputs.deploy && inputs.count", 3d)]
    [InlineData("inputs.empty && inputs.count", "")]
    [InlineData("null || 0", 0d)]
    public void And_and_or_return_an_operand_not_a_boolean(string expression, object? expected)
    {
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(expression, Context));
    }

    [Fact]
    public void The_right_side_of_a_decided_and_or_is_not_evaluated()
    {
        Assert.Equal(false, ExpressionEvaluator.Evaluate("false && fromJSON('not json')", Context));
        Assert.Equal(true, ExpressionEvaluator.Evaluate("true || fromJSON('not json')", Context));
    }

    [Fact]
    public void Unknown_contexts_fail_with_a_typed_error()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ExpressionEvaluator.Evaluate("github.sha", Context));

        Assert.Equal(("unknown context 'github'", 0), (error.Message, error.Position!.Value));
    }

    [Fact]
    public void A_field_that_is_one_expression_keeps_its_type_and_others_become_text()
    {
        var single = ExpressionTemplate.Parse("${{ inputs.count }}");
        var mixed = ExpressionTemplate.Parse("n=${{ inputs.count }} on ${{ matrix.os }} ${{ inputs.deploy }} ${{ null }}.");

        Assert.Equal(3d, ExpressionEvaluator.EvaluateTemplate(single, Context));
        Assert.Equal("n=3 on linux true .", ExpressionEvaluator.EvaluateTemplate(mixed, Context));
    }

    [Fact]
    public void Objects_cannot_be_interpolated_into_text()
    {
        var template = ExpressionTemplate.Parse("value: ${{ inputs }}");

        var error = Assert.Throws<ExpressionEvaluationException>(() => ExpressionEvaluator.EvaluateTemplate(template, Context));
        Assert.Equal("cannot convert an object to a string; use toJSON()", error.Message);
    }
}
