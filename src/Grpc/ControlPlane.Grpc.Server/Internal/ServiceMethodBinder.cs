using System.Reflection;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Receives a service's methods from the generated <c>BindService(ServiceBinderBase, TServiceBase)</c> (called with a
/// null implementation, so only descriptors arrive) and builds a call handler for each, bound to the generated base
/// class's virtual method so that each call's own service instance is dispatched to.
/// </summary>
internal sealed class ServiceMethodBinder<TService>(Type serviceBaseType, GrpcServerRuntime runtime) : ServiceBinderBase
    where TService : class
{
    private readonly List<ServerCallHandler> _handlers = [];

    public IReadOnlyList<ServerCallHandler> Handlers => _handlers;

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var serviceMethod = Bind<UnaryServiceMethod<TService, TRequest, TResponse>>(method, typeof(TRequest), typeof(ServerCallContext));
        _handlers.Add(new UnaryCallHandler<TService, TRequest, TResponse>(method, serviceMethod, runtime));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var serviceMethod = Bind<ClientStreamingServiceMethod<TService, TRequest, TResponse>>(
            method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        _handlers.Add(new ClientStreamingCallHandler<TService, TRequest, TResponse>(method, serviceMethod, runtime));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var serviceMethod = Bind<ServerStreamingServiceMethod<TService, TRequest, TResponse>>(
            method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        _handlers.Add(new ServerStreamingCallHandler<TService, TRequest, TResponse>(method, serviceMethod, runtime));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var serviceMethod = Bind<DuplexStreamingServiceMethod<TService, TRequest, TResponse>>(
            method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        _handlers.Add(new DuplexStreamingCallHandler<TService, TRequest, TResponse>(method, serviceMethod, runtime));
    }

    private TDelegate Bind<TDelegate>(IMethod method, params Type[] parameterTypes)
        where TDelegate : Delegate
    {
        var target = serviceBaseType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
            ?? throw new InvalidOperationException(
                $"Could not find a method '{method.Name}' for gRPC method '{method.FullName}' on '{serviceBaseType}'.");
        return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), target);
    }
}
