namespace ControlPlane.Bench.Grpc;

/// <summary>
/// What one measurement of our client against our server found: operations per second, and per operation the bytes
/// the process allocated and the CPU time it used (client and server together, as both run in this process). The
/// per-operation costs swing far less than the rate when other work shares the machine.
/// </summary>
internal sealed record LoadFigures(double PerSecond, double AllocatedBytesPerOperation, double CpuMicrosecondsPerOperation);
