using ControlPlane.Core.Logs;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Hosting;

/// <summary>Everything the server keeps in its data directory is its owner's alone, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryModeTests(ITestOutputHelper output)
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const uint Umask022 = 0b000_010_010;

    [Fact]
    public async Task Under_umask_022_a_server_that_ran_a_step_with_logs_keeps_every_file_0600_and_the_directory_0700()
    {
        using var umask = ProcessUmask.Set(Umask022);
        await using var server = await ApiServer.StartWithAuthAsync(output);
        await RunOneStepWithLogsAsync(server);

        var entries = Entries(server.DataDir);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(server.DataDir));
        Assert.Superset(
            new HashSet<string> { "admin.token", "controlplane.db", "controlplane.db-wal", "controlplane.db-shm" },
            entries.Select(e => e.Name).ToHashSet());
        Assert.All(entries, e => Assert.True(e.Mode == (e.IsDirectory ? OwnerOnlyDirectory : OwnerReadWrite), $"{e.Name} is {Octal(e.Mode)}"));
    }

    [Fact]
    public async Task A_data_directory_left_open_to_others_is_narrowed_at_start_and_each_change_is_logged()
    {
        using var umask = ProcessUmask.Set(Umask022);
        await using var server = await ApiServer.StartWithAuthAsync(output);
        await RunOneStepWithLogsAsync(server);

        const UnixFileMode Wide = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(server.DataDir, OwnerOnlyDirectory | Wide);
        var token = Path.Combine(server.DataDir, "admin.token");
        File.SetUnixFileMode(token, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var leftover = Directory.CreateDirectory(Path.Combine(server.DataDir, "old-backups")).FullName;
        File.SetUnixFileMode(leftover, OwnerOnlyDirectory | Wide);
        await File.WriteAllTextAsync(Path.Combine(leftover, "dump.sql"), "secret");

        await server.RestartAsync();

        Assert.All(Entries(server.DataDir), e => Assert.True(e.Mode == (e.IsDirectory ? OwnerOnlyDirectory : OwnerReadWrite), $"{e.Name} is {Octal(e.Mode)}"));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(server.DataDir));
        Assert.Contains($"{server.DataDir} was open to other users (mode 0755); narrowed to 0700", server.Logs, StringComparison.Ordinal);
        Assert.Contains($"{token} was open to other users (mode 0644); narrowed to 0600", server.Logs, StringComparison.Ordinal);
        Assert.Contains($"{leftover} was open to other users (mode 0755); narrowed to 0700", server.Logs, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(leftover, "dump.sql")} was open to other users (mode 0644); narrowed to 0600", server.Logs, StringComparison.Ordinal);
    }

    private static async Task RunOneStepWithLogsAsync(ApiServer server)
    {
        var applied = await server.Services.GetRequiredService<WorkflowApplier>().ApplyAsync("logs.yaml", Samples.OneStep("logs"), server.Ct);
        var runner = await InProcessRunner.ConnectAsync(server, "modes-runner");
        await server.Services.GetRequiredService<RunLauncher>().StartAsync("logs", applied.Revision.Id, new Dictionary<string, string>(), null, 0, server.Ct);
        var offer = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(offer, 0, LogStream.Stdout, "a line of log\n");
        await runner.FinishAsync(offer, 0, "a line of log\n");
    }

    private static List<(string Name, UnixFileMode Mode, bool IsDirectory)> Entries(string root) =>
        [.. new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(e => (Path.GetRelativePath(root, e.FullName), e.UnixFileMode, e is DirectoryInfo))];

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
