using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace ControlPlane.Testing;

/// <summary>
/// The standard grpc.testing.TestService server semantics the interop cases expect (grpc/grpc
/// doc/interop-test-descriptions.md). UnimplementedCall is deliberately not overridden: it answers UNIMPLEMENTED.
/// </summary>
public class TestServiceImpl : TestService.TestServiceBase
{
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    /// <summary>Request metadata that makes EmptyCall work this many milliseconds first (a slow server for deadline cases).</summary>
    public const string SleepKey = "x-interop-sleep-ms";

    public override async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        if (int.TryParse(context.RequestHeaders.GetValue(SleepKey), System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
        {
            await Task.Delay(milliseconds, context.CancellationToken);
        }

        return new Empty();
    }

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        EnsureCompressionAsExpected(request.ExpectCompressed, context);
        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        await RespondAsync(request, responseStream, context.CancellationToken);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            total += requestStream.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            ThrowIfStatusRequested(requestStream.Current.ResponseStatus);
            await RespondAsync(requestStream.Current, responseStream, context.CancellationToken);
        }
    }

    public override async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        var requests = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }

        foreach (var request in requests)
        {
            await RespondAsync(request, responseStream, context.CancellationToken);
        }
    }

    private static async Task RespondAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, CancellationToken cancellationToken)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), cancellationToken);
            }

            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, cancellationToken);
        }
    }

    /// <summary>Echoes the two test headers: the initial one as a response header, the binary one as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.Get(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial.Value } });
        }

        if (context.RequestHeaders.Get(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing.ValueBytes);
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    /// <summary>
    /// The compressed flag of each message is not visible to handlers, so, as grpc-dotnet's interop server does,
    /// the call's grpc-encoding stands for it.
    /// </summary>
    private static void EnsureCompressionAsExpected(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed is not { Value: true })
        {
            return;
        }

        var encoding = context.GetHttpContext().Request.Headers["grpc-encoding"].ToString();
        if (encoding.Length == 0 || encoding == "identity")
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request message."));
        }
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}
