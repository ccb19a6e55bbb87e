using System.Security.Cryptography;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Logs;
using Docker.DotNet;

namespace ControlPlane.Agent.Tests.Executors.Docker;

[Trait("Category", "Docker")]
public sealed class DockerExecutorTests : IAsyncLifetime
{
    private DockerHarness _docker = null!;

    public async Task InitializeAsync() => _docker = await DockerHarness.StartAsync();

    public async Task DisposeAsync() => await _docker.DisposeAsync();

    [Fact]
    public async Task A_container_step_streams_byte_exact_output_writes_outputs_and_works_in_its_mounted_workspace()
    {
        const string Script = """
            printf 'out\000\377\376\r\n'
            printf 'err\033[31m\200' >&2
            head -c 3000000 /dev/urandom > /workspace/data.bin
            cat /workspace/data.bin
            cat /workspace/data.bin >&2
            echo "where=$(pwd)|$CP_WORKSPACE|$CP_RUN_ID|$CP_STEP_ID|$CP_ATTEMPT|$CI|$GREETING" >> "$CP_OUTPUT"
            if touch /data/x 2>/dev/null; then echo data=writable; else echo data=read-only; fi >> "$CP_OUTPUT"
            echo from the container > /workspace/note.txt
            """;
        var step = _docker.Step(Script) with
        {
            WorkingDirectory = "src/app",
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world", ["CP_RUN_ID"] = "forged" },
            Mounts = [new DockerMount("config", "/data", ReadOnly: true)],
        };
        Dictionary<string, string>? labelsWhileRunning = null;

        var result = await _docker.RunAsync(step, async (id, ct) => labelsWhileRunning = new((await _docker.Daemon.Containers.InspectContainerAsync(id, ct)).Config!.Labels!));

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        var workspace = _docker.WorkspaceOf(step);
        var data = await File.ReadAllBytesAsync(Path.Combine(workspace, "data.bin"));
        Assert.Equal(3000000, data.Length);
        Assert.Equal([.. "out"u8, 0, 0xff, 0xfe, (byte)'\r', (byte)'\n'], _docker.Sink.Stdout[..8]);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(_docker.Sink.Stdout[8..]));
        Assert.Equal([.. "err"u8, 0x1b, .. "[31m"u8, 0x80], _docker.Sink.Stderr[..9]);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(_docker.Sink.Stderr[9..]));
        Assert.Equal(new HashSet<LogStream> { LogStream.Stdout, LogStream.Stderr }, _docker.Sink.Completed);
        Assert.Equal($"/workspace/src/app|/workspace|run-d|step-d|{step.Attempt.Attempt}|true|hello world", result.Outputs["where"]);
        Assert.Equal("read-only", result.Outputs["data"]);
        Assert.Equal("from the container\n", await File.ReadAllTextAsync(Path.Combine(workspace, "note.txt")));

        Assert.NotNull(labelsWhileRunning);
        Assert.Equal(_docker.RunnerName, labelsWhileRunning[DockerLabels.Runner]);
        Assert.Equal(step.Attempt, DockerLabels.AttemptOf(labelsWhileRunning));
        Assert.NotNull(result.ContainerId);
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _docker.Daemon.Containers.InspectContainerAsync(result.ContainerId, CancellationToken.None));
    }

    [Fact]
    public async Task The_container_exit_code_fails_the_step_and_the_container_is_removed()
    {
        var result = await _docker.RunAsync(_docker.Step("echo partial; exit 3") with { Pull = PullPolicy.IfMissing });

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.ExitCode, result.FailureClass);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("partial\n", _docker.Sink.StdoutText);
        Assert.Equal("", _docker.Sink.SystemText); // The image is present: IfMissing pulls nothing.
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task Cancelling_a_running_container_stops_it_and_leaves_nothing_behind()
    {
        using var cancel = new CancellationTokenSource();
        var running = _docker.RunAsync(_docker.Step("echo ready; sleep 600"), cancel.Token);
        await WaitUntilAsync(() => _docker.Sink.StdoutText.Contains("ready", StringComparison.Ordinal));

        await cancel.CancelAsync();
        var result = await running;

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(FailureClass.Cancelled, result.FailureClass);
        Assert.NotNull(result.ExitCode);
        Assert.Contains("Stopping container", _docker.Sink.SystemText, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task A_container_running_past_its_timeout_is_stopped_as_timed_out()
    {
        var result = await _docker.RunAsync(_docker.Step("sleep 600") with { Timeout = TimeSpan.FromSeconds(2) });

        Assert.Equal(StepOutcome.TimedOut, result.Outcome);
        Assert.Equal(FailureClass.Timeout, result.FailureClass);
        Assert.Contains("timed out", _docker.Sink.SystemText, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task A_command_missing_from_the_image_is_an_error_result_and_the_container_is_removed()
    {
        var result = await _docker.RunAsync(_docker.Step("true") with { Command = ["/no/such/program"] });

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith("Could not start the container:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/no/such/program", result.Error, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task A_missing_image_with_pull_policy_never_is_an_error_and_nothing_is_created()
    {
        var result = await _docker.RunAsync(_docker.Step("true") with { Image = "cp-test-absent:1", Pull = PullPolicy.Never });

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.Contains("'cp-test-absent:1' is not present", result.Error, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task Pulling_an_image_from_an_unreachable_registry_is_an_error_result()
    {
        var result = await _docker.RunAsync(_docker.Step("true") with { Image = "127.0.0.1:9/cp/absent:1", Pull = PullPolicy.IfMissing });

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith("Pulling image '127.0.0.1:9/cp/absent:1' failed:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Pulling image 127.0.0.1:9/cp/absent:1\n", _docker.Sink.SystemText, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task When_the_container_id_cannot_be_recorded_the_container_is_killed_and_removed_and_the_error_propagates()
    {
        var step = _docker.Step("sleep 600");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _docker.RunAsync(step, (_, _) => throw new InvalidOperationException("state file is read-only")));

        Assert.Equal("state file is read-only", error.Message);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task Output_that_cannot_be_kept_stops_the_container_and_fails_the_step_as_an_error()
    {
        _docker.Sink.FailWith = new IOException("spool disk full");

        var result = await _docker.RunAsync(_docker.Step("echo doomed; sleep 600"));

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.Contains("spool disk full", result.Error, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Theory]
    [InlineData("..", "/x", "mounts[0].source")]
    [InlineData("a/../../b", "/x", "mounts[0].source")]
    [InlineData("/etc", "/x", "mounts[0].source")]
    [InlineData("sub", "relative", "mounts[0].target")]
    [InlineData("sub", "/workspace", "mounts[0].target")]
    public async Task A_mount_leaving_the_workspace_or_taking_a_reserved_target_is_refused_before_anything_runs(string source, string target, string named)
    {
        var result = await _docker.RunAsync(_docker.Step("true") with { Mounts = [new DockerMount(source, target)] });

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith(named, result.Error, StringComparison.Ordinal);
        Assert.Null(result.ContainerId);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
