using ControlPlane.Core.Auth;
using ControlPlane.Core.StateMachines;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Auth;

/// <summary>An <c>api_tokens</c> row as SQLite returns it, without the hash (never read back).</summary>
internal sealed class ApiTokenRow
{
    public const string Columns = "id, name, role, created_at, expires_at, revoked_at";

    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public long CreatedAt { get; set; }

    public long? ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }

    public ApiTokenRecord ToRecord() => new(
        new ApiTokenId(Id),
        Name,
        EnumText.Parse<ApiTokenRole>(Role),
        UnixMs.ToTime(CreatedAt),
        UnixMs.ToTime(ExpiresAt),
        UnixMs.ToTime(RevokedAt));
}
