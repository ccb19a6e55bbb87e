using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using static ControlPlane.Grpc.Client.Tests.Fixtures.RawCalls;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>One channel carries more concurrent calls than one HTTP/2 connection allows streams.</summary>
public sealed class ConcurrencyTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public async Task More_than_100_concurrent_calls_on_one_channel_all_complete()
    {
        // Kestrel allows 100 streams per connection; the server answers only once all 150 are in flight at once.
        const int Calls = 150;
        using var channel = server.Channel();
        var options = RawGrpcServer.Options(out _, Headers(("x-gate-size", $"{Calls}")), DateTime.UtcNow.AddSeconds(30));

        var responses = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => channel.Unary("Gate", options).ResponseAsync));

        Assert.Equal(Calls, responses.Length);
    }

    [Fact]
    public async Task Many_sequential_calls_reuse_the_channel()
    {
        using var channel = server.Channel();

        for (var i = 0; i < 500; i++)
        {
            var response = await channel.Unary("Respond", RawGrpcServer.Options(out _), [(byte)i]);
            Assert.Equal((byte)i, Assert.Single(response));
        }
    }

    [Fact]
    public async Task Calls_from_many_threads_keep_their_own_responses()
    {
        using var channel = server.Channel();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                byte[] request = [(byte)worker, (byte)i];
                using var call = channel.Unary("Respond", RawGrpcServer.Options(out _), request);
                Assert.Equal(request, await call.ResponseAsync);
                Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
            }

            return true;
        })));

        Assert.All(results, Assert.True);
    }
}
