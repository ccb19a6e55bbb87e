using System.Diagnostics.CodeAnalysis;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server;

/// <summary>An interceptor type and the constructor arguments it is created with for each call.</summary>
public class InterceptorRegistration
{
    private readonly object[] _arguments;
    private ObjectFactory? _factory;

    internal InterceptorRegistration(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type,
        object[] arguments)
    {
        Type = type;
        _arguments = arguments;
    }

    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    public Type Type { get; }

    public IReadOnlyList<object> Arguments => _arguments;

    /// <summary>
    /// Creates the interceptor for one call. <paramref name="created"/> tells whether this call owns it (and so
    /// disposes it) or it came from DI (whose scope disposes it).
    /// </summary>
    internal Interceptor Activate(IServiceProvider services, out bool created)
    {
        if (_arguments.Length == 0 && services.GetService(Type) is Interceptor registered)
        {
            created = false;
            return registered;
        }

        // Building the factory is costly; racing threads may both build one, which is harmless.
        _factory ??= ActivatorUtilities.CreateFactory(Type, [.. _arguments.Select(argument => argument.GetType())]);
        created = true;
        return (Interceptor)_factory(services, _arguments);
    }
}
