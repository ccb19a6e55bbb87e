using System.Diagnostics;
using ControlPlane.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Xunit.Abstractions;

namespace ControlPlane.Interop.Tests;

/// <summary>Our client against python3-grpcio (C-core): every interop case, plus what only a separate process allows.</summary>
public sealed class OurClientAgainstPythonServerTests(PythonInteropServerFixture servers, ITestOutputHelper output)
    : InteropClientCases<PythonInteropServerFixture>(servers, output)
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(15);

    [Fact]
    public async Task A_server_that_dies_mid_stream_gives_UNAVAILABLE()
    {
        // A server of its own: this test kills it.
        await using var doomed = await PythonProcess.StartAsync("interop_server.py", []);
        var line = await doomed.WaitForLineAsync("LISTENING ", TimeSpan.FromSeconds(30));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{line["LISTENING ".Length..]}");
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 1 });
        request.ResponseParameters.Add(new ResponseParameters { Size = 1, IntervalUs = 30_000_000 });
        using var call = new TestService.TestServiceClient(channel).StreamingOutputCall(request, deadline: Deadline);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        using (var process = Process.GetProcessById(doomed.Id))
        {
            process.Kill();
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
