using System.Security.Cryptography;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Tests.Executors.Support;

namespace ControlPlane.Agent.Tests.Executors.Docker;

/// <summary>A container's stdout and stderr reach the sink exactly as the process wrote them, however hostile the bytes.</summary>
[Trait("Category", "Docker")]
public sealed class DockerOutputTests : IAsyncLifetime
{
    private DockerHarness _docker = null!;

    public async Task InitializeAsync() => _docker = await DockerHarness.StartAsync();

    public async Task DisposeAsync() => await _docker.DisposeAsync();

    [Fact]
    public async Task Five_megabytes_of_random_binary_written_to_both_streams_at_once_arrive_byte_exact()
    {
        // Both writers run together, so the daemon interleaves stdout and stderr frames of every size.
        const int Size = 5 * 1024 * 1024;
        var step = _docker.Step($"head -c {Size} /dev/urandom > /workspace/blob; cat /workspace/blob & cat /workspace/blob >&2; wait");

        var result = await _docker.RunAsync(step);

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        var blob = await File.ReadAllBytesAsync(Path.Combine(_docker.WorkspaceOf(step), "blob"));
        Assert.Equal(Size, blob.Length);
        Assert.Equal(Size, _docker.Sink.Stdout.Length);
        Assert.Equal(Size, _docker.Sink.Stderr.Length);
        Assert.Equal(SHA256.HashData(blob), SHA256.HashData(_docker.Sink.Stdout));
        Assert.Equal(SHA256.HashData(blob), SHA256.HashData(_docker.Sink.Stderr));
    }

    [Fact]
    public async Task Every_byte_value_comes_through_unchanged_on_both_streams()
    {
        // NUL, invalid UTF-8 and control bytes must not be re-encoded on the way.
        byte[] everyByte = [.. Enumerable.Range(0, 256).Select(value => (byte)value)];
        var format = string.Concat(everyByte.Select(value => "\\" + Convert.ToString(value, 8).PadLeft(3, '0')));

        var result = await _docker.RunAsync(_docker.Step($"printf '{format}'; printf '{format}' >&2"));

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(everyByte, _docker.Sink.Stdout);
        Assert.Equal(everyByte, _docker.Sink.Stderr);
    }

    [Fact]
    public async Task Stdout_and_stderr_stay_separate_and_each_keeps_its_order()
    {
        var result = await _docker.RunAsync(_docker.Step("echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2; printf 'no newline'"));

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal("out-1\nout-2\nno newline", _docker.Sink.StdoutText);
        Assert.Equal("err-1\nerr-2\n", _docker.Sink.StderrText);
    }

    [Fact]
    public async Task Output_written_the_moment_the_process_starts_is_not_lost()
    {
        for (var round = 0; round < 5; round++)
        {
            var sink = new StepLogSink();

            var result = await _docker.Executor.RunAsync(_docker.Step("printf first; printf second >&2"), sink, onStarted: null, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(120));

            Assert.Equal(StepOutcome.Succeeded, result.Outcome);
            Assert.Equal("first", sink.StdoutText);
            Assert.Equal("second", sink.StderrText);
        }
    }
}
