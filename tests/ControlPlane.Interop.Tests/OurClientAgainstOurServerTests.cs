using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Xunit.Abstractions;
using static ControlPlane.Interop.Tests.InteropTransports;

namespace ControlPlane.Interop.Tests;

/// <summary>Our client against our server on a real Kestrel on port 0: every interop case, h2c and TLS, and the
/// transport limits an agent's long-lived streams depend on.</summary>
public sealed class OurClientAgainstOurServerTests(OurServerWithTestServiceFixture servers, ITestOutputHelper output)
    : InteropClientCases<OurServerWithTestServiceFixture>(servers, output)
{
    private readonly OurServerWithTestServiceFixture _servers = servers;

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task A_bidi_stream_idle_for_11_seconds_keeps_working(string transport)
    {
        using var call = _servers.Client(transport).FullDuplexCall(deadline: Deadline);
        await call.RequestStream.WriteAsync(Echo(1));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        // Longer than Kestrel's 5 s minimum-data-rate grace, which would abort a stream it still applied to.
        await Task.Delay(TimeSpan.FromSeconds(11));

        await call.RequestStream.WriteAsync(Echo(2));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(2, call.ResponseStream.Current.Payload.Body.Length);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task More_than_100_streams_are_open_at_once_on_one_channel()
    {
        const int Streams = 150;
        var client = _servers.Client(Cleartext);
        var calls = Enumerable.Range(0, Streams).Select(_ => client.FullDuplexCall(deadline: Deadline)).ToList();
        try
        {
            // Every stream has answered once before any is closed, so all 150 are open together
            // (Kestrel allows 100 per connection: the channel must open a second connection).
            foreach (var call in calls)
            {
                await call.RequestStream.WriteAsync(Echo(3));
            }

            foreach (var call in calls)
            {
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            }

            foreach (var call in calls)
            {
                await call.RequestStream.CompleteAsync();
                Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            }
        }
        finally
        {
            calls.ForEach(call => call.Dispose());
        }
    }

    [Fact]
    public async Task An_oversized_message_gets_RESOURCE_EXHAUSTED_and_the_channel_keeps_working()
    {
        var client = _servers.Client(Cleartext);
        var tooBig = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) } };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryCallAsync(tooBig, deadline: Deadline).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(7, (await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 7 }, deadline: Deadline)).Payload.Body.Length);
    }

    private static StreamingOutputCallRequest Echo(int size) =>
        new() { ResponseParameters = { new ResponseParameters { Size = size } } };
}
