using ControlPlane.Core.Attempts;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Tests.StateMachines;

public class EnumTextTests
{
    [Theory]
    [InlineData(StepState.WaitingForRetry, "waiting_for_retry")]
    [InlineData(StepState.Pending, "pending")]
    public void States_are_stored_as_snake_case(StepState state, string text)
    {
        Assert.Equal(text, EnumText.ToText(state));
        Assert.Equal(state, EnumText.Parse<StepState>(text));
    }

    [Fact]
    public void Triggers_and_failure_classes_use_the_same_naming()
    {
        Assert.Equal("lease_lost_retry", EnumText.ToText(StepTrigger.LeaseLostRetry));
        Assert.Equal("runner_lost", EnumText.ToText(FailureClass.RunnerLost));
    }

    [Fact]
    public void Unknown_text_is_a_format_error_listing_the_known_names()
    {
        var error = Assert.Throws<FormatException>(() => EnumText.Parse<AttemptState>("vanished"));

        Assert.Contains("offered, running", error.Message, StringComparison.Ordinal);
    }
}
