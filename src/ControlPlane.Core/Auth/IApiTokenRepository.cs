namespace ControlPlane.Core.Auth;

/// <summary>
/// API tokens, kept as hashes. Tokens are never deleted: a revoked one stays listed with its revocation time, so the
/// list is an audit of what was ever issued.
/// </summary>
public interface IApiTokenRepository
{
    /// <summary>Stores a new token with the store's clock as its creation time.</summary>
    Task<ApiTokenRecord> CreateAsync(NewApiToken token, CancellationToken cancellationToken);

    /// <summary>The token whose secret hashes to <paramref name="hash"/>, revoked and expired ones included.</summary>
    Task<ApiTokenRecord?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken);

    /// <summary>Every token, oldest first.</summary>
    Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the token revoked now; revoking a revoked token keeps its first revocation time.</summary>
    /// <exception cref="Storage.EntityNotFoundException">No such token.</exception>
    Task<ApiTokenRecord> RevokeAsync(ApiTokenId id, CancellationToken cancellationToken);

    /// <summary>True when a token with <paramref name="role"/> is neither revoked nor expired at <paramref name="now"/>.</summary>
    Task<bool> AnyUsableAsync(ApiTokenRole role, DateTimeOffset now, CancellationToken cancellationToken);
}
