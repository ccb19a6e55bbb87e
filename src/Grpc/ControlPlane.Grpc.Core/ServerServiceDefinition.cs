namespace Grpc.Core;

/// <summary>A service's methods and handlers, built by the generated <c>BindService(serviceImpl)</c>.</summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _addMethodActions;

    internal ServerServiceDefinition(List<Action<ServiceBinderBase>> addMethodActions)
    {
        _addMethodActions = addMethodActions.AsReadOnly();
    }

    public static Builder CreateBuilder() => new();

    internal void BindService(ServiceBinderBase serviceBinder)
    {
        foreach (var addMethod in _addMethodActions)
        {
            addMethod(serviceBinder);
        }
    }

    /// <summary>Collects methods; each name may be added once.</summary>
    public class Builder
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly List<Action<ServiceBinderBase>> _addMethodActions = [];

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new(_addMethodActions);

        private Builder Add(IMethod method, Action<ServiceBinderBase> addMethod)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (!_names.Add(method.FullName))
            {
                throw new ArgumentException($"Method '{method.FullName}' has already been added.", nameof(method));
            }

            _addMethodActions.Add(addMethod);
            return this;
        }
    }
}
