using Grpc.AspNetCore.Server;
using Grpc.Core.Interceptors;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>The interceptor instances of one call, in registration order; disposes those the call created.</summary>
internal sealed class InterceptorScope : IAsyncDisposable
{
    private readonly Interceptor[] _interceptors;
    private readonly bool[] _created;

    public InterceptorScope(IReadOnlyList<InterceptorRegistration> registrations, IServiceProvider services)
    {
        _interceptors = new Interceptor[registrations.Count];
        _created = new bool[registrations.Count];
        for (var i = 0; i < registrations.Count; i++)
        {
            _interceptors[i] = registrations[i].Activate(services, out _created[i]);
        }
    }

    public int Count => _interceptors.Length;

    public Interceptor this[int index] => _interceptors[index];

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _interceptors.Length; i++)
        {
            if (_created[i])
            {
                await ServiceInstance.DisposeAsync(_interceptors[i]);
            }
        }
    }
}
