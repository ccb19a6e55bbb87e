namespace ControlPlane.Server.Auth;

/// <summary>A call whose token's role may not call the method; PERMISSION_DENIED naming the role needed.</summary>
public sealed class ApiPermissionException(string message) : Exception(message);
