using Grpc.Core;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>Handlers that fail: with an unexpected exception, or with an RpcException that carries trailers.</summary>
public sealed class FailingService : TestService.TestServiceBase
{
    public const string SecretDetail = "secret detail 42";
    public static readonly byte[] TrailerBytes = [0x00, 0xff, 0x10, 0x20];

    public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
        throw new InvalidOperationException(SecretDetail);

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        var trailers = new Metadata { { "reason", "quota" }, { "detail-bin", TrailerBytes } };
        throw new RpcException(new Status(StatusCode.PermissionDenied, "not yours: 100% sure"), trailers);
    }
}
