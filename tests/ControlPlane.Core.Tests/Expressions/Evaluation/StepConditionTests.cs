using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Tests.Expressions.Evaluation;

public class StepConditionTests
{
    private static ExpressionContext With(bool cancelled, params StepOutcome[] dependencies) => new()
    {
        Inputs = new Dictionary<string, object?> { ["deploy"] = true },
        Status = new StatusContext(cancelled, dependencies),
    };

    [Theory]
    [InlineData(null, false, new[] { StepOutcome.Success }, true)]
    [InlineData(null, false, new[] { StepOutcome.Failure }, false)]
    [InlineData(null, false, new[] { StepOutcome.Skipped }, false)]
    [InlineData(null, true, new[] { StepOutcome.Success }, false)]
    [InlineData("always()", false, new[] { StepOutcome.Failure }, true)]
    [InlineData("failure()", false, new[] { StepOutcome.Success, StepOutcome.Failure }, true)]
    [InlineData("failure()", false, new[] { StepOutcome.Success }, false)]
    [InlineData("cancelled()", true, new StepOutcome[0], true)]
    [InlineData("${{ success() }}", false, new StepOutcome[0], true)]
    public void Status_functions_look_at_the_dependencies_and_the_run(string? condition, bool cancelled, StepOutcome[] dependencies, bool expected)
    {
        Assert.Equal(expected, StepCondition.ShouldRun(condition, With(cancelled, dependencies)));
    }

    [Fact]
    public void A_condition_without_a_status_function_also_requires_success()
    {
        Assert.True(StepCondition.ShouldRun("inputs.deploy", With(false, StepOutcome.Success)));
        Assert.False(StepCondition.ShouldRun("inputs.deploy", With(false, StepOutcome.Failure)));
        Assert.True(StepCondition.ShouldRun("inputs.deploy || failure()", With(false, StepOutcome.Failure)));
    }

    [Fact]
    public void Evaluating_a_condition_needs_the_status_context()
    {
        Assert.Throws<ExpressionEvaluationException>(() => StepCondition.ShouldRun("always()", ExpressionContext.Empty));
    }
}
