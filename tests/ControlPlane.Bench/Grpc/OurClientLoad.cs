using System.Diagnostics;
using Grpc.Testing;

namespace ControlPlane.Bench.Grpc;

/// <summary>Our GrpcChannel as load generator: sequential unary calls and messages through one bidi stream.</summary>
internal static class OurClientLoad
{
    // Tiered JIT (tier 0, then instrumented code, then optimized code) took about 4 to 5 s of calls to reach the steady
    // state on the 2-core machine; a warm-up only as long as a short measurement measured the tiering instead.
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaximumWarmUp = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WarmUpWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Calls one after another: warm-up for at least the longer of <paramref name="duration"/> and 5 s, and on while
    /// each second is still more than 5% faster than the best before it (at most 20 s); then the measurement.
    /// </summary>
    public static async Task<LoadFigures> SequentialUnaryAsync(TestService.TestServiceClient client, TimeSpan duration)
    {
        var request = new SimpleRequest();
        var warmUp = Stopwatch.StartNew();
        var best = 0.0;
        while (warmUp.Elapsed < MaximumWarmUp)
        {
            var window = await CallForAsync(client, request, WarmUpWindow);
            var improving = window.PerSecond > best * 1.05;
            best = Math.Max(best, window.PerSecond);
            if (!improving && warmUp.Elapsed >= duration && warmUp.Elapsed >= MinimumWarmUp)
            {
                break;
            }
        }

        return await CallForAsync(client, request, duration);
    }

    /// <summary>Requests written as fast as the stream takes them while every response is read; one request, one response.</summary>
    public static async Task<LoadFigures> BidiMessagesAsync(TestService.TestServiceClient client, TimeSpan duration)
    {
        // The first stream is the warm-up; messages are cheap enough that its duration reaches the steady state.
        await MeasureBidiAsync(client, Max(duration, MinimumWarmUp));
        return await MeasureBidiAsync(client, duration);
    }

    private static async Task<LoadFigures> CallForAsync(TestService.TestServiceClient client, SimpleRequest request, TimeSpan duration)
    {
        var count = 0;
        var meter = new LoadMeter();
        while (meter.Elapsed < duration)
        {
            for (var i = 0; i < 100; i++)
            {
                await client.UnaryCallAsync(request);
            }

            count += 100;
        }

        return meter.Stop(count);
    }

    private static async Task<LoadFigures> MeasureBidiAsync(TestService.TestServiceClient client, TimeSpan duration)
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
        var meter = new LoadMeter();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            received++;
            if ((received & 1023) == 0 && meter.Elapsed >= duration && !stop.IsCancellationRequested)
            {
                var figures = meter.Stop(received);
                await stop.CancelAsync();

                // Read on until the end: with its responses unread the server stops reading requests, and the writer's
                // last writes (and so its completion) would wait for flow control forever.
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }

                await writer;
                return figures;
            }
        }

        throw new InvalidOperationException("the bidi stream ended early");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
