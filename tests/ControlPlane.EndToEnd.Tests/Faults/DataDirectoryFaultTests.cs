using System.Security.Cryptography;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Faults;

/// <summary>
/// A data directory holding a database, made read-only or full before cp-server starts on it: the server exits
/// non-zero with one clear line on stderr, and every file of the directory is byte-for-byte unchanged.
/// </summary>
public sealed class DataDirectoryFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_read_only_data_directory_stops_the_start_with_one_clear_line_and_changes_nothing()
    {
        await WithDatabaseOnTmpfsAsync("size=64m", Mounts.RemountReadOnly, "Read-only file system");
    }

    [Fact]
    public async Task A_full_data_directory_stops_the_start_with_one_clear_line_and_changes_nothing()
    {
        await WithDatabaseOnTmpfsAsync("size=8m", Fill, "No space left on device");
    }

    private async Task WithDatabaseOnTmpfsAsync(string mountOptions, Action<string> spoil, string expectedCause)
    {
        using var root = new TempDirectory("cp-e2e-datadir");
        var mount = Directory.CreateDirectory(root.Combine("mnt")).FullName;
        if (Mounts.TryMountTmpfs(mount, mountOptions) is { } refused)
        {
            output.WriteLine($"SKIPPED: mounting a tmpfs is not permitted here ({refused})");
            return;
        }

        try
        {
            await CreateDatabaseAsync(mount);
            spoil(mount);
            var before = Hashes(mount);

            await using var server = ServerProcess.StartRaw(["--dev", "--listen", "http://127.0.0.1:0", "--data-dir", mount], line => output.WriteLine($"[server] {line}"));
            var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.NotEqual(0, exitCode);
            var errors = server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(errors);
            Assert.Contains(mount, line, StringComparison.Ordinal);
            Assert.Contains(expectedCause, line, StringComparison.Ordinal);
            Assert.Equal(before, Hashes(mount));
        }
        finally
        {
            Mounts.Unmount(mount);
        }
    }

    /// <summary>A database with a workflow and a cancelled run, written by a server that then stopped cleanly.</summary>
    private async Task CreateDatabaseAsync(string dataDir)
    {
        await using var cluster = await Cluster.StartAsync(output);
        var workflow = await cluster.ApplyAsync("kept.yaml", "name: kept\nsteps:\n  - id: nap\n    runs_on: [nowhere]\n    sleep: 1s\n");
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.Runs.CancelRunAsync(new CancelRunRequest { RunId = runId });
        await cluster.WaitForRunEndAsync(runId, TimeSpan.FromSeconds(60));
        await cluster.StopServerAsync();
        foreach (var file in Directory.GetFiles(cluster.DataDir))
        {
            File.Copy(file, Path.Combine(dataDir, Path.GetFileName(file)));
        }
    }

    private static void Fill(string directory)
    {
        var chunk = new byte[64 * 1024];
        using var filler = File.OpenWrite(Path.Combine(directory, "filler"));
        try
        {
            while (true)
            {
                filler.Write(chunk);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }

        // Bytes still buffered would be written (and fail) on dispose; there are none after the failed flush.
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.GetFiles(directory).Where(f => Path.GetFileName(f) != "filler").ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
