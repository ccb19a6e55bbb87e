using System.Runtime.InteropServices;
using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Logs;
using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Agent.State;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.State;

/// <summary>
/// What the agent keeps on disk is its own whatever the umask: the work and state directories 0700, every state and
/// spool file 0600, each attempt's directory 0700. Run under umask 022 (the usual default, under which files are
/// created 0644 and directories 0755 unless a mode is set).
/// </summary>
public sealed partial class FileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _root = new("cp-agent-modes");
    private readonly uint _previousUmask = SetUmask(Convert.ToUInt32("022", 8));

    public void Dispose()
    {
        SetUmask(_previousUmask);
        _root.Dispose();
    }

    [Fact]
    public async Task State_directory_runner_file_attempt_records_and_spool_files_are_owner_only_under_umask_022()
    {
        var state = new AgentStateStore(_root.Combine("state"));
        await state.SaveRunnerAsync(new RunnerIdentity("1", "token"), CancellationToken.None);
        var key = new AttemptKey("1", "2", 1);
        await state.SaveAttemptAsync(new RunningAttempt(key, "/w") { AttemptId = 1, LeaseEpoch = 1, StartedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await using (var spool = await LogSpool.OpenAsync(Path.Combine(state.Directory, "spool", key.FileStem), CancellationToken.None))
        {
            await spool.AppendAsync(LogStream.Stdout, "line\n"u8.ToArray(), CancellationToken.None);
            await spool.FlushAsync(CancellationToken.None);
            await spool.CompleteAsync(CancellationToken.None);
        }

        foreach (var directory in Directory.EnumerateDirectories(state.Directory, "*", SearchOption.AllDirectories).Prepend(state.Directory))
        {
            Assert.True(File.GetUnixFileMode(directory) == OwnerOnlyDirectory, $"{directory} is {File.GetUnixFileMode(directory)}");
        }

        var files = Directory.EnumerateFiles(state.Directory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("/data", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("/runner.json", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.True(File.GetUnixFileMode(file) == OwnerOnlyFile, $"{file} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task The_work_dir_and_each_attempt_directory_are_owner_only_under_umask_022()
    {
        var work = WorkDirectory.Prepare(_root.Combine("work"), stepUser: null);
        var layout = await StepWorkspace.CreateAsync(work, new AttemptKey("1", "2", 1), null, "echo", sharedWithContainer: false, CancellationToken.None);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(work));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(layout.AttemptDirectory));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(layout.Workspace));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(layout.ScriptPath));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(layout.OutputsPath));
    }

    [Fact]
    public void Existing_directories_left_open_by_an_older_agent_are_narrowed_at_start()
    {
        var work = Directory.CreateDirectory(_root.Combine("work")).FullName;
        var stateDir = Directory.CreateDirectory(_root.Combine("state")).FullName;
        File.SetUnixFileMode(work, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(stateDir, File.GetUnixFileMode(work));

        WorkDirectory.Prepare(work, stepUser: null);
        _ = new AgentStateStore(stateDir);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(work));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(stateDir));
    }

    [Fact]
    public void A_shared_directory_such_as_tmp_is_refused_as_work_or_state_dir_instead_of_being_taken_over()
    {
        var shared = Directory.CreateDirectory(_root.Combine("shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));

        var work = Assert.Throws<ControlPlane.Agent.Configuration.AgentUsageException>(() => WorkDirectory.Prepare(shared, stepUser: null));
        var state = Assert.Throws<AgentStateCorruptException>(() => new AgentStateStore(shared));

        Assert.Contains($"--work-dir: {shared} is a shared directory (mode 1777)", work.Message, StringComparison.Ordinal);
        Assert.Contains("shared directory", state.Message, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)Convert.ToInt32("1777", 8), File.GetUnixFileMode(shared));
    }

    private static uint SetUmask(uint mask) => Umask(mask);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
