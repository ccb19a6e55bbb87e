using ControlPlane.Core.Auth;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Auth;

/// <summary>The <c>api_tokens</c> table.</summary>
internal sealed class ApiTokenRepository : IApiTokenRepository
{
    private const string Entity = "api token";

    private readonly StoreSession _session;

    public ApiTokenRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<ApiTokenRecord> CreateAsync(NewApiToken token, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(CreateAsync));
        var row = await _session.SingleOrDefaultAsync<ApiTokenRow>(
            $"""
            INSERT INTO api_tokens (name, role, token_hash, created_at, expires_at)
            VALUES (@Name, @Role, @Hash, @Now, @ExpiresAt)
            RETURNING {ApiTokenRow.Columns}
            """,
            new { token.Name, Role = EnumText.ToText(token.Role), token.Hash, Now = _session.NowMs(), ExpiresAt = UnixMs.From(token.ExpiresAt) },
            cancellationToken);
        return row!.ToRecord();
    }

    public async Task<ApiTokenRecord?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<ApiTokenRow>($"SELECT {ApiTokenRow.Columns} FROM api_tokens WHERE token_hash = @hash", new { hash }, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<ApiTokenRow>($"SELECT {ApiTokenRow.Columns} FROM api_tokens ORDER BY id", null, cancellationToken)).Select(r => r.ToRecord())];

    public async Task<ApiTokenRecord> RevokeAsync(ApiTokenId id, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RevokeAsync));
        var row = await _session.SingleOrDefaultAsync<ApiTokenRow>(
            $"UPDATE api_tokens SET revoked_at = coalesce(revoked_at, @now) WHERE id = @id RETURNING {ApiTokenRow.Columns}",
            new { id = id.Value, now = _session.NowMs() },
            cancellationToken);
        return row?.ToRecord() ?? throw new EntityNotFoundException(Entity, id.ToString());
    }

    public async Task<bool> AnyUsableAsync(ApiTokenRole role, DateTimeOffset now, CancellationToken cancellationToken) =>
        await _session.ScalarAsync<long>(
            "SELECT count(*) FROM api_tokens WHERE role = @role AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
            new { role = EnumText.ToText(role), now = UnixMs.From(now) },
            cancellationToken) > 0;
}
