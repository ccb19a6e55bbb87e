namespace ControlPlane.Server.Hosting;

/// <summary>A command line or environment that cannot be used; the message is shown to the operator as is.</summary>
public sealed class UsageException(string message) : Exception(message);
