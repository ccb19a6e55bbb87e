using ControlPlane.Testing;
using Grpc.Net.Client;
using Grpc.Testing;

namespace ControlPlane.Bench.Grpc;

/// <summary>
/// The gRPC layer's table: sequential unary calls/s and messages/s on one bidi stream, for our client against
/// our server, python3-grpcio against our server, and python3-grpcio against itself, all in one run; for our client
/// also the bytes allocated and the CPU time used per call and per message.
/// </summary>
/// <remarks>
/// The bench process runs the runtime's defaults for a console app: workstation GC, tiered compilation with PGO.
/// cp-server (Web SDK) runs server GC; on this 2-core machine, loaded by other builds, an A/B of the GC mode could not be
/// told apart from the noise, so the bench keeps the console default (which is not cp-server's) until one can.
/// </remarks>
internal static class GrpcBenchmarks
{
    private const double UnaryTarget = 10_000;
    private const double BidiTarget = 100_000;
    private const double PythonRatioTarget = 2.0;

    public static async Task RunAsync(BenchTable table, TimeSpan duration)
    {
        await using var ours = await TestGrpcServer.StartAsync(new TestGrpcServerOptions { EnableTls = false });
        var ourHostPort = $"127.0.0.1:{ours.HttpAddress.Port}";

        using (var channel = GrpcChannel.ForAddress(ours.HttpAddress))
        {
            var client = new TestService.TestServiceClient(channel);
            var unary = await OurClientLoad.SequentialUnaryAsync(client, duration);
            table.Add(new("unary calls/s, our client -> our server", unary.PerSecond, "calls/s", $"target >= {UnaryTarget:N0}", Verdict(unary.PerSecond >= UnaryTarget)));
            var bidi = await OurClientLoad.BidiMessagesAsync(client, duration);
            table.Add(new("bidi messages/s, our client -> our server", bidi.PerSecond, "msg/s", $"target >= {BidiTarget:N0}", Verdict(bidi.PerSecond >= BidiTarget)));
            AddCosts(table, "unary call", "call", unary);
            AddCosts(table, "bidi message", "msg", bidi);
        }

        var (pythonServer, pythonHostPort) = await PythonLoad.StartServerAsync();
        await using (pythonServer)
        {
            var pythonUnary = await PythonLoad.MeasureAsync(pythonHostPort, "unary", duration);
            var pythonBidi = await PythonLoad.MeasureAsync(pythonHostPort, "bidi", duration);
            var unaryOnOurs = await PythonLoad.MeasureAsync(ourHostPort, "unary", duration);
            var bidiOnOurs = await PythonLoad.MeasureAsync(ourHostPort, "bidi", duration);
            table.Add(new("unary calls/s, python client -> our server", unaryOnOurs, "calls/s", Ratio(unaryOnOurs, pythonUnary), Verdict(unaryOnOurs >= PythonRatioTarget * pythonUnary)));
            table.Add(new("bidi messages/s, python client -> our server", bidiOnOurs, "msg/s", Ratio(bidiOnOurs, pythonBidi), Verdict(bidiOnOurs >= PythonRatioTarget * pythonBidi)));
            table.Add(new("unary calls/s, python client -> python server", pythonUnary, "calls/s", "reference", "-"));
            table.Add(new("bidi messages/s, python client -> python server", pythonBidi, "msg/s", "reference", "-"));
        }
    }

    private static void AddCosts(BenchTable table, string operation, string unit, LoadFigures figures)
    {
        const string Note = "client + server, one process";
        table.Add(new($"allocated per {operation}, our client -> our server", figures.AllocatedBytesPerOperation, $"B/{unit}", Note, "-"));
        table.Add(new($"CPU per {operation}, our client -> our server", figures.CpuMicrosecondsPerOperation, $"us/{unit}", Note, "-"));
    }

    private static string Ratio(double ours, double python) =>
        $"{BenchTable.Format(ours / python)}x python server (target >= {PythonRatioTarget}x)";

    private static string Verdict(bool met) => met ? "met" : "MISSED";
}
