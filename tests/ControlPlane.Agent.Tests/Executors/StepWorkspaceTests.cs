using ControlPlane.Agent.Executors;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Executors;

public sealed class StepWorkspaceTests : IDisposable
{
    private readonly TempDirectory _workspace = new("cp-agent-workspace");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_relative_directory_is_created_inside_the_workspace()
    {
        var resolved = StepWorkspace.ResolveDirectory(_workspace.Path, "a/b/../c", "mounts[0].source");

        Assert.Equal(_workspace.Combine("a", "c"), resolved);
        Assert.True(Directory.Exists(resolved));
    }

    [Fact]
    public void A_path_through_a_symbolic_link_is_refused_even_when_it_looks_inside()
    {
        var outside = Directory.CreateTempSubdirectory("cp-agent-outside-");
        try
        {
            Directory.CreateSymbolicLink(_workspace.Combine("link"), outside.FullName);

            var error = Assert.Throws<StepSetupException>(() => StepWorkspace.ResolveDirectory(_workspace.Path, "link/deeper", "mounts[1].source"));

            Assert.StartsWith("mounts[1].source 'link/deeper' goes through the symbolic link", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(outside.FullName, "deeper")));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("..")]
    [InlineData("/tmp")]
    [InlineData("x/../../y")]
    public void A_path_leaving_the_workspace_is_refused_with_the_field_named(string relative)
    {
        var error = Assert.Throws<StepSetupException>(() => StepWorkspace.ResolveDirectory(_workspace.Path, relative, "working_directory"));

        Assert.Equal($"working_directory '{relative}' must be a relative path inside the workspace.", error.Message);
    }
}
