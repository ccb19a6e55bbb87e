using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Tests.Attempts;

public sealed class AttemptKeyTests
{
    [Fact]
    public void An_attempt_names_its_directory_and_file()
    {
        var key = new AttemptKey("run-42", "build_linux", 3);

        Assert.Equal("run-42/build_linux/3", key.RelativePath);
        Assert.Equal("run-42.build_linux.3", key.FileStem);
    }

    [Theory]
    [InlineData("..", "step", 1)]
    [InlineData("run/x", "step", 1)]
    [InlineData("run", "a.b", 1)]
    [InlineData("", "step", 1)]
    [InlineData("run", "step", 0)]
    public void Ids_that_could_escape_a_directory_or_collide_are_refused(string run, string step, int attempt) =>
        Assert.ThrowsAny<ArgumentException>(() => new AttemptKey(run, step, attempt));
}
