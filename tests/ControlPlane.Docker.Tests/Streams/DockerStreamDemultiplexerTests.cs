using System.Buffers.Binary;
using System.Text;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Streams;
using ControlPlane.Docker.Tests.Support;

namespace ControlPlane.Docker.Tests.Streams;

public sealed class DockerStreamDemultiplexerTests
{
    private static readonly byte[] EveryByteValue = [.. Enumerable.Range(0, 256).Select(value => (byte)value)];

    [Fact]
    public async Task Frames_split_at_every_byte_boundary_come_out_whole_and_separated()
    {
        var (stream, expectedStdout, expectedStderr) = SampleStream();

        for (var split = 1; split < stream.Length; split++)
        {
            var (stdout, stderr) = await DemultiplexAsync(new ChunkedReadStream(stream, split, int.MaxValue));

            Assert.True(expectedStdout.AsSpan().SequenceEqual(stdout), $"stdout differs when split at {split}");
            Assert.True(expectedStderr.AsSpan().SequenceEqual(stderr), $"stderr differs when split at {split}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(4096)]
    public async Task Frames_read_in_fixed_small_pieces_come_out_whole(int readSize)
    {
        var (stream, expectedStdout, expectedStderr) = SampleStream();

        var (stdout, stderr) = await DemultiplexAsync(new ChunkedReadStream(stream, readSize));

        Assert.Equal(expectedStdout, stdout);
        Assert.Equal(expectedStderr, stderr);
    }

    [Fact]
    public async Task A_frame_larger_than_the_copy_buffer_is_forwarded_intact()
    {
        var payload = new byte[300_000];
        new Random(42).NextBytes(payload);

        var (stdout, stderr) = await DemultiplexAsync(new ChunkedReadStream(Frame(2, payload), 65_537, 3));

        Assert.Empty(stdout);
        Assert.Equal(payload, stderr);
    }

    [Fact]
    public async Task Stdin_frames_are_written_to_stdout_as_documented()
    {
        var (stdout, _) = await DemultiplexAsync(new MemoryStream([.. Frame(0, "echo\n"u8.ToArray()), .. Frame(1, "out\n"u8.ToArray())]));

        Assert.Equal("echo\nout\n", Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public async Task An_empty_stream_is_no_output()
    {
        var (stdout, stderr) = await DemultiplexAsync(new MemoryStream());

        Assert.Empty(stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task An_unknown_stream_type_is_a_stream_error()
    {
        var error = await Assert.ThrowsAsync<DockerStreamException>(() => DemultiplexAsync(new MemoryStream(Frame(9, "x"u8.ToArray()))));

        Assert.Contains("stream type 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    public async Task A_stream_cut_inside_a_frame_is_a_stream_error_after_the_bytes_before_it(int cutAt)
    {
        byte[] stream = [.. Frame(1, "whole\n"u8.ToArray()), .. Frame(1, "cut off\n"u8.ToArray())];
        var firstFrameLength = 8 + 6;
        var stdout = new MemoryStream();

        await Assert.ThrowsAsync<DockerStreamException>(() =>
            DockerStreamDemultiplexer.CopyAsync(new MemoryStream(stream[..(firstFrameLength + cutAt)]), stdout, Stream.Null, CancellationToken.None));

        Assert.StartsWith("whole\n", Encoding.UTF8.GetString(stdout.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_the_daemon_sends_in_band_is_raised_with_its_message()
    {
        byte[] stream = [.. Frame(1, "before\n"u8.ToArray()), .. Frame(3, "log driver failed"u8.ToArray())];

        var error = await Assert.ThrowsAsync<DockerStreamException>(() => DemultiplexAsync(new ChunkedReadStream(stream, 5)));

        Assert.Contains("log driver failed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Frames of both kinds, empty ones, every byte value, and a frame spanning many reads.</summary>
    private static (byte[] Stream, byte[] Stdout, byte[] Stderr) SampleStream()
    {
        var big = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 30)));
        var frames = new (byte Type, byte[] Payload)[]
        {
            (1, "hello\n"u8.ToArray()),
            (2, "warning: \u00e9\n"u8.ToArray()),
            (1, []),
            (1, EveryByteValue),
            (2, big),
            (2, []),
            (1, "bye"u8.ToArray()),
        };
        byte[] stream = [.. frames.SelectMany(frame => Frame(frame.Type, frame.Payload))];
        byte[] stdout = [.. frames.Where(frame => frame.Type == 1).SelectMany(frame => frame.Payload)];
        byte[] stderr = [.. frames.Where(frame => frame.Type == 2).SelectMany(frame => frame.Payload)];
        return (stream, stdout, stderr);
    }

    private static byte[] Frame(byte type, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static async Task<(byte[] Stdout, byte[] Stderr)> DemultiplexAsync(Stream source)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await DockerStreamDemultiplexer.CopyAsync(source, stdout, stderr, CancellationToken.None);
        return (stdout.ToArray(), stderr.ToArray());
    }
}
