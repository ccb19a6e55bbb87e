using Grpc.Core;
using Grpc.Reflection.V1;

namespace ControlPlane.Server.Reflection;

/// <summary>gRPC adapter for grpc.reflection.v1.ServerReflection.</summary>
public sealed class ReflectionV1Api(ReflectionResponder responder) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requestStream, IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(responder.Answer(request));
        }
    }
}
