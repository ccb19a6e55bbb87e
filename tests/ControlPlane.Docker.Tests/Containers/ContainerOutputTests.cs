using System.Globalization;
using System.Text;
using ControlPlane.Docker.Tests.Support;

namespace ControlPlane.Docker.Tests.Containers;

public sealed class ContainerOutputTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private static readonly byte[] EveryByteValue = [.. Enumerable.Range(0, 256).Select(value => (byte)value)];

    [Fact]
    public async Task Stdout_and_stderr_arrive_separated_and_in_order()
    {
        var run = await docker.RunAsync(
            docker.Spec("echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2; printf 'no newline'"),
            DockerFixture.Budget());

        Assert.Equal("out-1\nout-2\nno newline", run.StdoutText);
        Assert.Equal("err-1\nerr-2\n", run.StderrText);
    }

    [Fact]
    public async Task Every_byte_value_comes_through_unchanged_on_both_streams()
    {
        // Octal escapes for 0..255: NUL, invalid UTF-8 and control bytes must not be re-encoded on the way.
        var format = string.Concat(EveryByteValue.Select(value => "\\" + Convert.ToString(value, 8).PadLeft(3, '0')));

        var run = await docker.RunAsync(docker.Spec($"printf '{format}'; printf '{format}' >&2"), DockerFixture.Budget());

        Assert.Equal(EveryByteValue, run.Stdout);
        Assert.Equal(EveryByteValue, run.Stderr);
    }

    [Fact]
    public async Task Megabytes_of_output_on_both_streams_at_once_arrive_complete()
    {
        const int StdoutBytes = 5 * 1024 * 1024;
        const int StderrBytes = 1024 * 1024;
        var script = $"(yes 0123456789abcdefghijklmnopqrstu | head -c {StderrBytes} >&2) & yes abcdefghi | head -c {StdoutBytes}; wait";

        var run = await docker.RunAsync(docker.Spec(script), DockerFixture.Budget(60));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(StdoutBytes, run.Stdout.Length);
        Assert.Equal(StderrBytes, run.Stderr.Length);
        Assert.Equal(Repeat("abcdefghi\n", StdoutBytes), run.Stdout);
        Assert.Equal(Repeat("0123456789abcdefghijklmnopqrstu\n", StderrBytes), run.Stderr);
    }

    [Fact]
    public async Task Output_of_a_long_running_container_streams_while_it_runs_and_ends_when_it_exits()
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(
            docker.Spec("for i in 1 2 3 4 5 6; do echo tick $i; sleep 0.25; done; echo finished >&2"),
            budget);
        var stdout = new WatchedOutput();
        var stderr = new WatchedOutput();
        await using var output = await docker.Engine.AttachAsync(id, budget);
        await docker.Engine.StartContainerAsync(id, budget);
        var copy = output.CopyToAsync(stdout, stderr, budget);

        await stdout.WaitForAsync("tick 2", TimeSpan.FromSeconds(10));
        var midway = await docker.Engine.InspectContainerAsync(id, budget);
        await copy;
        var after = await docker.Engine.InspectContainerAsync(id, budget);

        Assert.True(midway.Running, "output arrived only after the container exited");
        Assert.False(after.Running);
        Assert.Equal(string.Concat(Enumerable.Range(1, 6).Select(i => string.Create(CultureInfo.InvariantCulture, $"tick {i}\n"))), stdout.Text);
        Assert.Equal("finished\n", stderr.Text);
    }

    [Fact]
    public async Task Output_written_the_moment_the_process_starts_is_not_lost()
    {
        for (var round = 0; round < 5; round++)
        {
            var run = await docker.RunAsync(docker.Spec("printf first; printf second >&2"), DockerFixture.Budget());

            Assert.Equal("first", run.StdoutText);
            Assert.Equal("second", run.StderrText);
        }
    }

    [Fact]
    public async Task Logs_replay_what_an_exited_container_wrote_separated_by_stream()
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(docker.Spec("echo out-1; echo err-1 >&2; echo out-2"), budget);
        await docker.Engine.StartContainerAsync(id, budget);
        await docker.Engine.WaitContainerAsync(id, budget);

        var (stdout, stderr) = await ReadLogsAsync(id, follow: false, budget);

        Assert.Equal("out-1\nout-2\n", stdout);
        Assert.Equal("err-1\n", stderr);
    }

    [Fact]
    public async Task Followed_logs_of_a_running_container_end_when_it_exits()
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(docker.Spec("echo early; sleep 1; echo late; echo gone >&2"), budget);
        await docker.Engine.StartContainerAsync(id, budget);

        // As an agent restarted mid-step would: reattach through the log, from the start.
        var (stdout, stderr) = await ReadLogsAsync(id, follow: true, budget);

        Assert.Equal("early\nlate\n", stdout);
        Assert.Equal("gone\n", stderr);
        Assert.False((await docker.Engine.InspectContainerAsync(id, budget)).Running);
    }

    private async Task<(string Stdout, string Stderr)> ReadLogsAsync(string id, bool follow, CancellationToken cancellationToken)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await using var logs = await docker.Engine.ReadLogsAsync(id, follow, cancellationToken);
        await logs.CopyToAsync(stdout, stderr, cancellationToken);
        return (Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    private static byte[] Repeat(string line, int length)
    {
        var unit = Encoding.ASCII.GetBytes(line);
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = unit[i % unit.Length];
        }

        return bytes;
    }
}
