using System.Globalization;
using System.IO.Pipes;
using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Tests.Native;

public sealed class LibcTests
{
    [Fact]
    public void A_pipe_is_widened_to_the_size_asked_for_within_the_system_maximum()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var maximum = int.Parse(File.ReadAllText("/proc/sys/fs/pipe-max-size").Trim(), CultureInfo.InvariantCulture);
        var wanted = Math.Min(1024 * 1024, maximum);

        var granted = Libc.SetPipeSize(pipe.SafePipeHandle, wanted);

        // Linux rounds up to a power-of-two number of pages; the default is 64 KiB, so a failed call cannot pass.
        Assert.True(granted >= wanted, $"asked for {wanted} bytes, got {granted}");
    }
}
