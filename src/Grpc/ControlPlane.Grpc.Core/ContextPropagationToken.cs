namespace Grpc.Core;

/// <summary>Carries a parent call's deadline and cancellation into a child call. Not produced by this implementation.</summary>
public abstract class ContextPropagationToken
{
    internal ContextPropagationToken()
    {
    }
}
