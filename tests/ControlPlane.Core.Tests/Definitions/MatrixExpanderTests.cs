using ControlPlane.Core.Definitions;
using ControlPlane.Core.Planning;

namespace ControlPlane.Core.Tests.Definitions;

public class MatrixExpanderTests
{
    private static MatrixDefinition Matrix(
        (string Name, object[] Values)[] axes,
        Dictionary<string, object>[]? include = null,
        Dictionary<string, object>[]? exclude = null) => new()
        {
            Axes = axes.Select(a => new MatrixAxis(a.Name, a.Values)).ToList(),
            Include = include ?? [],
            Exclude = exclude ?? [],
        };

    private static string[] Keys(MatrixDefinition matrix) =>
        MatrixExpander.Expand(matrix).Select(c => MatrixKey.Format("t", c.Values)).ToArray();

    [Fact]
    public void Axes_expand_to_their_cartesian_product_first_axis_outermost()
    {
        var matrix = Matrix([("os", ["linux", "mac"]), ("node", [18d, 20d])]);

        Assert.Equal(["t[os=linux,node=18]", "t[os=linux,node=20]", "t[os=mac,node=18]", "t[os=mac,node=20]"], Keys(matrix));
    }

    [Fact]
    public void Exclude_removes_combinations_matching_all_of_its_keys()
    {
        var matrix = Matrix([("os", ["linux", "mac"]), ("node", [18d, 20d])], exclude: [new() { ["os"] = "mac", ["node"] = 18d }]);

        Assert.Equal(["t[os=linux,node=18]", "t[os=linux,node=20]", "t[os=mac,node=20]"], Keys(matrix));
    }

    [Fact]
    public void A_partial_exclude_removes_every_combination_it_matches()
    {
        var matrix = Matrix([("os", ["linux", "mac"]), ("node", [18d, 20d])], exclude: [new() { ["os"] = "mac" }]);

        Assert.Equal(["t[os=linux,node=18]", "t[os=linux,node=20]"], Keys(matrix));
    }

    [Fact]
    public void Include_extends_matching_combinations_with_new_keys()
    {
        var matrix = Matrix([("os", ["linux", "mac"])], include: [new() { ["os"] = "mac", ["arch"] = "arm64" }]);

        Assert.Equal(["t[os=linux]", "t[os=mac,arch=arm64]"], Keys(matrix));
    }

    [Fact]
    public void Include_without_original_axes_extends_every_combination()
    {
        var matrix = Matrix([("os", ["linux", "mac"])], include: [new() { ["color"] = "green" }]);

        Assert.Equal(["t[os=linux,color=green]", "t[os=mac,color=green]"], Keys(matrix));
    }

    [Fact]
    public void Include_that_conflicts_with_original_values_becomes_a_new_combination()
    {
        var matrix = Matrix([("os", ["linux"])], include: [new() { ["os"] = "windows", ["shell"] = "pwsh" }]);

        Assert.Equal(["t[os=linux]", "t[os=windows,shell=pwsh]"], Keys(matrix));
    }

    [Fact]
    public void A_later_include_may_overwrite_values_added_by_an_earlier_one()
    {
        var matrix = Matrix(
            [("os", ["linux"])],
            include: [new() { ["color"] = "green" }, new() { ["os"] = "linux", ["color"] = "blue" }]);

        Assert.Equal(["t[os=linux,color=blue]"], Keys(matrix));
    }

    [Fact]
    public void A_matrix_of_only_includes_has_one_combination_per_entry()
    {
        var matrix = Matrix([], include: [new() { ["site"] = "a" }, new() { ["site"] = "b" }]);

        Assert.Equal(["t[site=a]", "t[site=b]"], Keys(matrix));
    }

    [Fact]
    public void Values_compare_by_type_so_a_string_does_not_match_a_number()
    {
        var matrix = Matrix([("node", [20d])], exclude: [new() { ["node"] = "20" }]);

        Assert.Equal(["t[node=20]"], Keys(matrix));
    }

    [Fact]
    public void The_product_size_saturates_instead_of_overflowing()
    {
        var axes = Enumerable.Range(0, 40).Select(i => ($"a{i}", new object[] { 1d, 2d, 3d, 4d, 5d, 6d, 7d, 8d, 9d, 10d })).ToArray();

        Assert.Equal(int.MaxValue, MatrixExpander.ProductSize(Matrix(axes)));
    }
}
