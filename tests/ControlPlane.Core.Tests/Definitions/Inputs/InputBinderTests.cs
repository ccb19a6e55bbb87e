using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Inputs;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Tests.Definitions.Inputs;

public class InputBinderTests
{
    private static readonly SourceLocation Nowhere = SourceLocation.FileOnly("x.yaml");

    private static readonly InputDefinition[] Declarations =
    [
        new() { Name = "count", Type = InputType.Number, Default = 1d, Location = Nowhere },
        new() { Name = "dry", Type = InputType.Bool, Location = Nowhere },
        new() { Name = "env", Type = InputType.Choice, Options = ["dev", "prod"], Required = true, Location = Nowhere },
        new() { Name = "note", Location = Nowhere },
    ];

    [Fact]
    public void Given_values_are_converted_and_missing_ones_take_defaults()
    {
        var binding = InputBinder.Bind(Declarations, new Dictionary<string, string> { ["dry"] = "false", ["env"] = "prod" });

        Assert.True(binding.IsValid);
        Assert.Equal(1d, binding.Values["count"]);
        Assert.Equal(false, binding.Values["dry"]);
        Assert.Equal("prod", binding.Values["env"]);
        Assert.Null(binding.Values["note"]);
    }

    [Theory]
    [InlineData("count", "1.5e3", 1500d)]
    [InlineData("count", "-2", -2d)]
    [InlineData("note", "  spaced  ", "  spaced  ")]
    public void Text_is_converted_to_the_declared_type(string name, string text, object expected)
    {
        var binding = InputBinder.Bind(Declarations, new Dictionary<string, string> { ["env"] = "dev", [name] = text });

        Assert.Equal(expected, binding.Values[name]);
    }

    [Theory]
    [InlineData("count", "NaN", DiagnosticCodes.InputTypeMismatch, "input 'count' must be a number, got 'NaN'")]
    [InlineData("dry", "True", DiagnosticCodes.InputTypeMismatch, "input 'dry' must be true or false, got 'True'")]
    [InlineData("env", "staging", DiagnosticCodes.InputNotInOptions, "input 'env' must be one of: dev, prod; got 'staging'")]
    [InlineData("envv", "dev", DiagnosticCodes.UnknownInput, "unknown input 'envv'; did you mean 'env'?")]
    public void Values_that_do_not_fit_are_problems(string name, string text, string code, string message)
    {
        var given = new Dictionary<string, string> { ["env"] = "dev", [name] = text };

        var problem = Assert.Single(InputBinder.Bind(Declarations, given).Problems);

        Assert.Equal((code, message), (problem.Code, problem.Message));
    }

    [Fact]
    public void A_required_input_without_a_value_is_a_problem()
    {
        var problem = Assert.Single(InputBinder.Bind(Declarations, new Dictionary<string, string>()).Problems);

        Assert.Equal((DiagnosticCodes.MissingRequiredInput, "env"), (problem.Code, problem.InputName));
    }
}
