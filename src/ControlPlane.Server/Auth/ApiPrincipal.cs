using ControlPlane.Core.Auth;

namespace ControlPlane.Server.Auth;

/// <summary>Who made a call: the token it carried (by id and name, never its secret) and that token's role.</summary>
public sealed record ApiPrincipal(ApiTokenId TokenId, string Name, ApiTokenRole Role);
