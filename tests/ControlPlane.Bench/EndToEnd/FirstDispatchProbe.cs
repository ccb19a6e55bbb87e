using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ControlPlane.Contracts.V1;
using ControlPlane.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Times one server start over an existing data directory: from just before the process is started to the first offer
/// a registered runner receives. The runner (a bare protocol client) tries to connect every 5 ms from the moment the
/// process starts, so it is there as soon as the server listens; "listening" is when the server's line saying so was
/// read. The server listens only after startup recovery, so the first offer follows recovery and the first tick.
/// </summary>
internal static class FirstDispatchProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<(TimeSpan Listening, TimeSpan FirstOffer)> MeasureAsync(string dataDir, string runnerToken)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        using var channel = GrpcChannel.ForAddress(address);
        var client = new RunnerService.RunnerServiceClient(channel);
        using var patience = new CancellationTokenSource(Patience);
        var clock = Stopwatch.StartNew();
        await using var server = ServerProcess.StartRaw(["--listen", address, "--data-dir", dataDir, "--dev", "--registration-token", BenchCluster.RegistrationToken]);
        var listening = Task.Run(async () =>
        {
            await server.WaitForLineAsync(l => l.Contains("Listening on", StringComparison.Ordinal), "'Listening on ...'", Patience);
            return clock.Elapsed;
        });
        while (true)
        {
            try
            {
                var offered = await WaitForOfferAsync(client, runnerToken, patience.Token);
                return (await listening, offered ? clock.Elapsed : throw new InvalidOperationException($"the stream ended without an offer\n{server.Transcript}"));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !patience.IsCancellationRequested)
            {
                await Task.Delay(5);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no offer within {Patience}\n{server.Transcript}");
            }
        }
    }

    private static async Task<bool> WaitForOfferAsync(RunnerService.RunnerServiceClient client, string runnerToken, CancellationToken cancellationToken)
    {
        var headers = new Metadata { { "authorization", "Bearer " + runnerToken } };
        using var call = client.Connect(headers, cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new ConnectRequest { Hello = new RunnerHello { Capacity = 1, AgentVersion = "bench" } }, cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.MessageCase == ConnectResponse.MessageOneofCase.Offer)
            {
                return true;
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
