namespace ControlPlane.Core.Auth;

/// <summary>An API token as stored: never its secret, only what it is and whether it still counts.</summary>
/// <param name="ExpiresAt">Null for a token that does not expire.</param>
/// <param name="RevokedAt">Set once revoked; a revoked token never counts again.</param>
public sealed record ApiTokenRecord(
    ApiTokenId Id,
    string Name,
    ApiTokenRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>True when the token authenticates at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
