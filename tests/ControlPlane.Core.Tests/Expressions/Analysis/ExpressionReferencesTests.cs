using ControlPlane.Core.Expressions.Analysis;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Tests.Expressions.Analysis;

public class ExpressionReferencesTests
{
    [Fact]
    public void References_list_the_static_path_of_each_context_read()
    {
        var references = ExpressionReferences.Collect(ExpressionParser.Parse("steps.build.outputs['version'] == inputs.v && contains(matrix.os, 'x')"));

        Assert.Equal(
            ["steps.build.outputs.version@0", "inputs.v@34", "matrix.os@55"],
            references.Select(r => $"{r.Describe(r.Path.Count)}@{r.Position}"));
    }

    [Fact]
    public void A_dynamic_index_ends_the_static_path_and_its_own_reads_are_collected()
    {
        var references = ExpressionReferences.Collect(ExpressionParser.Parse("inputs[matrix.key].name"));

        Assert.Equal(["matrix.key", "inputs"], references.Select(r => r.Describe(r.Path.Count)));
    }

    [Fact]
    public void Status_function_use_is_detected_anywhere_in_the_tree()
    {
        Assert.True(ExpressionReferences.UsesStatusFunction(ExpressionParser.Parse("inputs.x || !(cancelled())")));
        Assert.False(ExpressionReferences.UsesStatusFunction(ExpressionParser.Parse("contains(inputs.x, 'success')")));
    }
}
