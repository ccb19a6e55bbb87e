using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

/// <summary>The interceptors of a server, run in the order they were added.</summary>
public class InterceptorCollection : Collection<InterceptorRegistration>
{
    /// <summary>
    /// Adds an interceptor created for each call: resolved from DI if registered there and no arguments are given,
    /// otherwise built by <c>ActivatorUtilities</c> with <paramref name="args"/> and services for its constructor.
    /// </summary>
    public void Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TInterceptor>(params object[] args)
        where TInterceptor : Interceptor => Add(typeof(TInterceptor), args);

    /// <summary>Adds an interceptor by type; see <see cref="Add{TInterceptor}(object[])"/>.</summary>
    public void Add([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type interceptorType, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(interceptorType);
        ArgumentNullException.ThrowIfNull(args);
        if (!typeof(Interceptor).IsAssignableFrom(interceptorType))
        {
            throw new ArgumentException($"Type '{interceptorType}' is not an {typeof(Interceptor).FullName}.", nameof(interceptorType));
        }

        Add(new InterceptorRegistration(interceptorType, args));
    }
}
