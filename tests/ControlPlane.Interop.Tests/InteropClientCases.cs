using System.Diagnostics;
using ControlPlane.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Xunit.Abstractions;
using static ControlPlane.Interop.Tests.InteropTransports;

namespace ControlPlane.Interop.Tests;

/// <summary>
/// The gRPC interop test cases (github.com/grpc/grpc/blob/master/doc/interop-test-descriptions.md) as our
/// GrpcChannel and the generated TestService client run them, over cleartext HTTP/2 and over TLS, against
/// whichever servers <typeparamref name="TServers"/> provides.
/// </summary>
public abstract class InteropClientCases<TServers>(TServers servers, ITestOutputHelper output)
    : IClassFixture<TServers>, IDisposable
    where TServers : class, IInteropServers
{
    private static readonly int[] StreamSizes = [31415, 9, 2653, 58979];
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];

    // Every call has a deadline, so a hang fails one test instead of the run.
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(15);

    public void Dispose()
    {
        output.WriteLine(servers.DescribeServers());
        GC.SuppressFinalize(this);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Empty_unary_returns_an_empty_message(string transport)
    {
        var response = await servers.Client(transport).EmptyCallAsync(new Empty(), deadline: Deadline);

        Assert.Equal(new Empty(), response);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Large_unary_carries_271828_bytes_up_and_314159_bytes_down(string transport)
    {
        var request = new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) };

        var response = await servers.Client(transport).UnaryCallAsync(request, deadline: Deadline);

        Assert.Equal(314159, response.Payload.Body.Length);
        Assert.All(response.Payload.Body, b => Assert.Equal(0, b));
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task A_gzip_compressed_response_is_decompressed(string transport)
    {
        var request = new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828), ResponseCompressed = new BoolValue { Value = true } };

        var response = await servers.Client(transport).UnaryCallAsync(request, deadline: Deadline);

        Assert.Equal(314159, response.Payload.Body.Length);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Server_streaming_delivers_every_response_in_order(string transport)
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(StreamSizes.Select(size => new ResponseParameters { Size = size }));

        using var call = servers.Client(transport).StreamingOutputCall(request, deadline: Deadline);
        var sizes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            sizes.Add(response.Payload.Body.Length);
        }

        Assert.Equal(StreamSizes, sizes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Client_streaming_aggregates_every_request(string transport)
    {
        using var call = servers.Client(transport).StreamingInputCall(deadline: Deadline);
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(74922, response.AggregatedPayloadSize);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Ping_pong_answers_each_request_before_the_next_is_sent(string transport)
    {
        using var call = servers.Client(transport).FullDuplexCall(deadline: Deadline);
        for (var i = 0; i < StreamSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(DuplexRequest(StreamSizes[i], RequestSizes[i]));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StreamSizes[i], call.ResponseStream.Current.Payload.Body.Length);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Half_duplex_answers_after_the_requests_end(string transport)
    {
        using var call = servers.Client(transport).HalfDuplexCall(deadline: Deadline);
        foreach (var size in StreamSizes)
        {
            await call.RequestStream.WriteAsync(DuplexRequest(size, 1));
        }

        await call.RequestStream.CompleteAsync();
        var sizes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            sizes.Add(response.Payload.Body.Length);
        }

        Assert.Equal(StreamSizes, sizes);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Empty_stream_completes_without_messages(string transport)
    {
        using var call = servers.Client(transport).FullDuplexCall(deadline: Deadline);
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Custom_metadata_is_echoed_in_headers_and_trailers_of_a_unary_call(string transport)
    {
        var trailingValue = new byte[] { 0xab, 0xab, 0xab };
        var headers = new Metadata { { "x-grpc-test-echo-initial", "test_initial_metadata_value" }, { "x-grpc-test-echo-trailing-bin", trailingValue } };

        using var call = servers.Client(transport).UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, headers, Deadline);
        await call;

        Assert.Equal("test_initial_metadata_value", (await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(trailingValue, call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Custom_metadata_is_echoed_in_headers_and_trailers_of_a_duplex_call(string transport)
    {
        var trailingValue = new byte[] { 0xab, 0xab, 0xab };
        var headers = new Metadata { { "x-grpc-test-echo-initial", "test_initial_metadata_value" }, { "x-grpc-test-echo-trailing-bin", trailingValue } };

        using var call = servers.Client(transport).FullDuplexCall(headers, Deadline);
        await call.RequestStream.WriteAsync(DuplexRequest(314159, 271828));
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }

        Assert.Equal("test_initial_metadata_value", (await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(trailingValue, call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Status_code_and_message_reach_the_client_of_a_unary_call(string transport)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "test status message" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => servers.Client(transport).UnaryCallAsync(request, deadline: Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("test status message", error.Status.Detail);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Status_code_and_message_reach_the_client_of_a_duplex_call(string transport)
    {
        using var call = servers.Client(transport).FullDuplexCall(deadline: Deadline);
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "test status message" } });
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("test status message", error.Status.Detail);
        Assert.Equal(StatusCode.Unknown, call.GetStatus().StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Special_status_message_survives_percent_encoding(string transport)
    {
        const string Message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = Message } };

        var error = await Assert.ThrowsAsync<RpcException>(() => servers.Client(transport).UnaryCallAsync(request, deadline: Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(Message, error.Status.Detail);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Timeout_on_sleeping_server_gives_DEADLINE_EXCEEDED(string transport)
    {
        using var call = servers.Client(transport).FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        try
        {
            // The deadline may already have passed; then the write reports it.
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
        }
        catch (RpcException e)
        {
            Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task A_deadline_passing_while_the_server_works_gives_DEADLINE_EXCEEDED_on_time(string transport)
    {
        var sleep = new Metadata { { TestServiceImpl.SleepKey, "5000" } };
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            servers.Client(transport).EmptyCallAsync(new Empty(), sleep, DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Cancel_after_begin_gives_CANCELLED(string transport)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = servers.Client(transport).StreamingInputCall(deadline: Deadline, cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Cancel_after_first_response_gives_CANCELLED(string transport)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = servers.Client(transport).FullDuplexCall(deadline: Deadline, cancellationToken: cancellation.Token);
        await call.RequestStream.WriteAsync(DuplexRequest(31415, 27182));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Unimplemented_method_gives_UNIMPLEMENTED(string transport)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            servers.Client(transport).UnimplementedCallAsync(new Empty(), deadline: Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Unimplemented_service_gives_UNIMPLEMENTED(string transport)
    {
        var client = new UnimplementedService.UnimplementedServiceClient(servers.Channel(transport));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnimplementedCallAsync(new Empty(), deadline: Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Theory, InlineData(Cleartext), InlineData(Tls)]
    public async Task Concurrent_calls_share_one_channel(string transport)
    {
        var client = servers.Client(transport);

        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(size =>
            client.UnaryCallAsync(new SimpleRequest { ResponseSize = size }, deadline: Deadline).ResponseAsync));

        Assert.Equal(Enumerable.Range(1, 50), responses.Select(r => r.Payload.Body.Length));
    }

    [Fact]
    public void Blocking_unary_call_returns_the_response()
    {
        var response = servers.Client(Cleartext).UnaryCall(new SimpleRequest { ResponseSize = 10 }, deadline: Deadline);

        Assert.Equal(10, response.Payload.Body.Length);
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static StreamingOutputCallRequest DuplexRequest(int responseSize, int payloadSize)
    {
        var request = new StreamingOutputCallRequest { Payload = Zeros(payloadSize) };
        request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
        return request;
    }
}
