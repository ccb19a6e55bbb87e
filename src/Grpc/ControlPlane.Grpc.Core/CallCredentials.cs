namespace Grpc.Core;

/// <summary>Per-call credentials. Not produced by this implementation; send an authorization header instead.</summary>
public abstract class CallCredentials
{
    internal CallCredentials()
    {
    }
}
