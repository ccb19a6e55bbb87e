using System.Collections.Concurrent;
using ControlPlane.Core.Auth;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Auth;

/// <summary>
/// Finds the stored token a secret belongs to. Lookups are cached briefly (<see cref="AuthOptions.TokenCacheDuration"/>)
/// because every API call makes one; expiry is checked on every call against the cached record, and a revocation
/// through this server drops the cached entry at once.
/// </summary>
/// <remarks>Safe to call concurrently. The cache is keyed by the SHA-256 of the secret, never the secret.</remarks>
public sealed class ApiTokenResolver
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly AuthOptions _options;
    private readonly ConcurrentDictionary<string, CachedLookup> _cache = new(StringComparer.Ordinal);

    public ApiTokenResolver(IStore store, TimeProvider time, IOptions<AuthOptions> options)
    {
        _store = store;
        _time = time;
        _options = options.Value;
    }

    /// <returns>The token, or null when <paramref name="secret"/> is unknown, expired or revoked.</returns>
    public async Task<ApiTokenRecord?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiTokens.Hash(secret);
        var key = Convert.ToHexString(hash);
        var now = _time.GetUtcNow();
        if (!_cache.TryGetValue(key, out var lookup) || now - lookup.At >= _options.TokenCacheDuration)
        {
            await using (var unit = await _store.BeginReadAsync(cancellationToken))
            {
                lookup = new CachedLookup(await unit.ApiTokens.FindByHashAsync(hash, cancellationToken), now);
            }

            if (_cache.Count >= _options.TokenCacheSize)
            {
                _cache.Clear();
            }

            _cache[key] = lookup;
        }

        return lookup.Token is { } token && token.IsUsableAt(now) ? token : null;
    }

    /// <summary>Drops cached lookups of <paramref name="id"/>, so its revocation counts from the next call.</summary>
    public void Forget(ApiTokenId id)
    {
        foreach (var entry in _cache)
        {
            if (entry.Value.Token?.Id == id)
            {
                _cache.TryRemove(entry.Key, out _);
            }
        }
    }

    private readonly record struct CachedLookup(ApiTokenRecord? Token, DateTimeOffset At);
}
