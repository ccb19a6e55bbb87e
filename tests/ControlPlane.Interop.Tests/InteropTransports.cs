namespace ControlPlane.Interop.Tests;

/// <summary>The transports every interop case runs over.</summary>
public static class InteropTransports
{
    public const string Cleartext = "h2c";
    public const string Tls = "tls";
}
