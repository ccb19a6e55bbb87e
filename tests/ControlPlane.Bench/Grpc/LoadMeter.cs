using System.Diagnostics;

namespace ControlPlane.Bench.Grpc;

/// <summary>Measures one window of operations: elapsed time, bytes allocated and process CPU time.</summary>
internal sealed class LoadMeter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
    private readonly TimeSpan _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The figures for <paramref name="operations"/> done since this meter was created.</summary>
    public LoadFigures Stop(long operations)
    {
        var elapsed = _clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - _allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore;
        return new LoadFigures(operations / elapsed, allocated / (double)operations, cpu.TotalMicroseconds / operations);
    }
}
