using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Attempts;

/// <summary>
/// A forgotten attempt takes its directory with it, and the run and step directories above it once they are empty:
/// never the work directory, never a directory that still holds another attempt, never through a symbolic link.
/// </summary>
public sealed class AttemptDirectoryRemoverTests : IDisposable
{
    private readonly TempDirectory _root = new("cp-agent-remover");

    [Fact]
    public async Task Forgetting_the_last_attempt_of_a_run_removes_its_empty_step_and_run_directories_but_not_the_work_directory()
    {
        var work = WorkDirectory.Prepare(_root.Combine("work"), stepUser: null);
        var build = await CreateAsync(work, new AttemptKey("7", "9", 1));
        var test = await CreateAsync(work, new AttemptKey("7", "10", 1));

        await ForgetAsync(build);
        Assert.False(Directory.Exists(Path.Combine(work, "7", "9")), "the empty step directory stayed");
        Assert.True(Directory.Exists(Path.Combine(work, "7", "10", "1")), "another step's attempt went with it");

        await ForgetAsync(test);
        Assert.False(Directory.Exists(Path.Combine(work, "7")), "the empty run directory stayed");
        Assert.True(Directory.Exists(work));
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    [Fact]
    public async Task A_step_directory_that_still_holds_another_attempt_stays()
    {
        var work = WorkDirectory.Prepare(_root.Combine("work"), stepUser: null);
        var first = await CreateAsync(work, new AttemptKey("7", "9", 1));
        await CreateAsync(work, new AttemptKey("7", "9", 2));

        await ForgetAsync(first);

        Assert.False(Directory.Exists(first));
        Assert.True(Directory.Exists(Path.Combine(work, "7", "9", "2")));
    }

    [Fact]
    public async Task Run_or_step_directories_that_are_symbolic_links_are_left_alone_and_nothing_behind_them_is_removed()
    {
        var work = WorkDirectory.Prepare(_root.Combine("work"), stepUser: null);
        var elsewhere = Directory.CreateDirectory(_root.Combine("elsewhere")).FullName;
        Directory.CreateDirectory(Path.Combine(elsewhere, "9"));
        Directory.CreateSymbolicLink(Path.Combine(work, "8"), elsewhere);
        Directory.CreateDirectory(Path.Combine(work, "5"));
        Directory.CreateSymbolicLink(Path.Combine(work, "5", "6"), elsewhere);

        AttemptDirectoryRemover.RemoveEmptyParents(Path.Combine(work, "8", "9", "1"));
        AttemptDirectoryRemover.RemoveEmptyParents(Path.Combine(work, "5", "6", "1"));

        Assert.True(Directory.Exists(Path.Combine(elsewhere, "9")), "an empty directory behind a link was removed");
        Assert.NotNull(new DirectoryInfo(Path.Combine(work, "8")).LinkTarget);
        Assert.NotNull(new DirectoryInfo(Path.Combine(work, "5", "6")).LinkTarget);
    }

    public void Dispose() => _root.Dispose();

    private static async Task<string> CreateAsync(string work, AttemptKey key) =>
        (await StepWorkspace.CreateAsync(work, key, workingDirectory: null, script: "true", sharedWithContainer: false, CancellationToken.None)).AttemptDirectory;

    private static async Task ForgetAsync(string attemptDirectory)
    {
        Assert.True(await AttemptDirectoryRemover.RemoveAsync(attemptDirectory, ownedByStepUser: false));
        AttemptDirectoryRemover.RemoveEmptyParents(attemptDirectory);
    }
}
