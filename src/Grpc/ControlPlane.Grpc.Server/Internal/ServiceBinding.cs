using System.Reflection;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>Finds the generated base class of a service implementation and its static <c>BindService</c> method.</summary>
internal static class ServiceBinding
{
    /// <summary>Collects the call handlers of <typeparamref name="TService"/> through its generated binding code.</summary>
    public static IReadOnlyList<ServerCallHandler> CreateHandlers<TService>(GrpcServerRuntime runtime)
        where TService : class
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } attribute)
            {
                continue;
            }

            var bindMethod = attribute.BindType.GetMethod(
                attribute.BindMethodName,
                BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                [typeof(ServiceBinderBase), type])
                ?? throw new InvalidOperationException(
                    $"Could not find '{attribute.BindMethodName}(ServiceBinderBase, {type.Name})' on '{attribute.BindType}'.");
            var binder = new ServiceMethodBinder<TService>(type, runtime);
            bindMethod.Invoke(null, [binder, null]);
            return binder.Handlers;
        }

        throw new InvalidOperationException(
            $"'{typeof(TService)}' is not a gRPC service: none of its base classes carries [BindServiceMethod]. " +
            "Derive it from the base class generated for the service (e.g. Greeter.GreeterBase).");
    }
}
