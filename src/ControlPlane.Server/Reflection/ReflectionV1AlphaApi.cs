using Google.Protobuf;
using Grpc.Core;
using Alpha = Grpc.Reflection.V1Alpha;
using V1 = Grpc.Reflection.V1;

namespace ControlPlane.Server.Reflection;

/// <summary>
/// gRPC adapter for grpc.reflection.v1alpha.ServerReflection, which older tools (grpcurl among them) still
/// use. Its messages are wire-identical to v1, so they are converted through their bytes.
/// </summary>
public sealed class ReflectionV1AlphaApi(ReflectionResponder responder) : Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(IAsyncStreamReader<Alpha.ServerReflectionRequest> requestStream, IServerStreamWriter<Alpha.ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var answer = responder.Answer(V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            await responseStream.WriteAsync(Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
        }
    }
}
