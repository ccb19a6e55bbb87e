using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Creates a service instance for one call: from DI if the service is registered there, else through
/// <c>ActivatorUtilities</c> with constructor injection. Only instances the call created are disposed by it.
/// </summary>
internal static class ServiceInstance
{
    public static TService Create<TService>(IServiceProvider services, out bool created)
        where TService : class
    {
        if (services.GetService<TService>() is { } registered)
        {
            created = false;
            return registered;
        }

        created = true;
        return Factory<TService>.Create(services, null);
    }

    public static ValueTask ReleaseAsync<TService>(TService instance, bool created)
        where TService : class => created ? DisposeAsync(instance) : ValueTask.CompletedTask;

    public static ValueTask DisposeAsync(object instance)
    {
        switch (instance)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }

    private static class Factory<TService>
        where TService : class
    {
        public static readonly ObjectFactory<TService> Create = ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);
    }
}
