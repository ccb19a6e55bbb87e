using System.Diagnostics;
using Grpc.Testing;

namespace ControlPlane.Bench.Grpc;

/// <summary>Our GrpcChannel as load generator: sequential unary calls and messages through one bidi stream.</summary>
internal static class OurClientLoad
{
    public static async Task<double> SequentialUnaryAsync(TestService.TestServiceClient client, TimeSpan duration)
    {
        var request = new SimpleRequest();

        // Tiered JIT needs seconds of calls to reach optimized code; measure the steady state, not the warm-up.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < duration)
        {
            await client.UnaryCallAsync(request);
        }

        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 100; i++)
            {
                await client.UnaryCallAsync(request);
            }

            count += 100;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Requests written as fast as the stream takes them while every response is read; one request, one response.</summary>
    public static async Task<double> BidiMessagesAsync(TestService.TestServiceClient client, TimeSpan duration)
    {
        await MeasureBidiAsync(client, duration);
        return await MeasureBidiAsync(client, duration);
    }

    private static async Task<double> MeasureBidiAsync(TestService.TestServiceClient client, TimeSpan duration)
    {
        var request = new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 0 } } };
        using var call = client.FullDuplexCall();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await call.RequestStream.WriteAsync(request);
            }

            await call.RequestStream.CompleteAsync();
        });

        var received = 0L;
        var clock = Stopwatch.StartNew();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            received++;
            if ((received & 1023) == 0 && clock.Elapsed >= duration && !stop.IsCancellationRequested)
            {
                var rate = received / clock.Elapsed.TotalSeconds;
                await stop.CancelAsync();
                await writer;
                return rate;
            }
        }

        throw new InvalidOperationException("the bidi stream ended early");
    }
}
