namespace ControlPlane.Server.Auth;

/// <summary>A call without a usable API token (none, unknown, expired or revoked); UNAUTHENTICATED.</summary>
public sealed class ApiAuthenticationException(string message) : Exception(message);
