using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

// Open-instance delegates over the generated base class's virtual methods: one delegate per method for the life of
// the server, invoked with a fresh service instance for each call.

internal delegate Task<TResponse> UnaryServiceMethod<in TService, in TRequest, TResponse>(
    TService service, TRequest request, ServerCallContext context);

internal delegate Task<TResponse> ClientStreamingServiceMethod<in TService, TRequest, TResponse>(
    TService service, IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

internal delegate Task ServerStreamingServiceMethod<in TService, in TRequest, TResponse>(
    TService service, TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

internal delegate Task DuplexStreamingServiceMethod<in TService, TRequest, TResponse>(
    TService service, IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
