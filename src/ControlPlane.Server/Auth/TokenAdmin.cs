using ControlPlane.Core.Auth;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Api;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Auth;

/// <summary>Creates, lists and revokes API tokens; the secret of a new token leaves the server only in the create reply.</summary>
public sealed class TokenAdmin
{
    private const int MaxNameLength = 200;

    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly ApiTokenResolver _resolver;
    private readonly ILogger<TokenAdmin> _logger;

    public TokenAdmin(IStore store, TimeProvider time, ApiTokenResolver resolver, ILogger<TokenAdmin> logger)
    {
        _store = store;
        _time = time;
        _resolver = resolver;
        _logger = logger;
    }

    /// <param name="ttl">Null for a token that does not expire.</param>
    /// <exception cref="ApiArgumentException">An empty or overlong name, or a ttl that is not positive.</exception>
    public async Task<(ApiTokenRecord Token, string Secret)> CreateAsync(string name, ApiTokenRole role, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new ApiArgumentException("name", $"must be 1 to {MaxNameLength} characters, saying what the token is for");
        }

        if (ttl is { } t && t <= TimeSpan.Zero)
        {
            throw new ApiArgumentException("ttl", "must be positive, or unset for a token that does not expire");
        }

        var issued = ApiTokens.Issue(role);
        await using var unit = await _store.BeginAsync(cancellationToken);
        var token = await unit.ApiTokens.CreateAsync(new NewApiToken(name.Trim(), role, issued.Hash, _time.GetUtcNow() + ttl), cancellationToken);
        await unit.CommitAsync(cancellationToken);
        AuthLog.TokenCreated(_logger, token.Id.Value, token.Name, token.Role);
        return (token, issued.Secret);
    }

    public async Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        return await unit.ApiTokens.ListAsync(cancellationToken);
    }

    /// <exception cref="EntityNotFoundException">No such token.</exception>
    public async Task<ApiTokenRecord> RevokeAsync(ApiTokenId id, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        var token = await unit.ApiTokens.RevokeAsync(id, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        _resolver.Forget(id);
        AuthLog.TokenRevoked(_logger, token.Id.Value, token.Name);
        return token;
    }
}
