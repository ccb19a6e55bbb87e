namespace ControlPlane.Server.Auth;

/// <summary>How a method is protected; see <see cref="AccessRule"/>.</summary>
public enum AccessKind
{
    Anyone,
    OwnCredentials,
    Role,
}
