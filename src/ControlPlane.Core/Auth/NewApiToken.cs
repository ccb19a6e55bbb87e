namespace ControlPlane.Core.Auth;

/// <summary>A token to store: its hash (see <see cref="ApiTokens.Hash"/>), never the token itself.</summary>
/// <param name="ExpiresAt">Null for no expiry.</param>
public sealed record NewApiToken(string Name, ApiTokenRole Role, byte[] Hash, DateTimeOffset? ExpiresAt);
