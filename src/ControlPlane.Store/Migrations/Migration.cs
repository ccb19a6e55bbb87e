namespace ControlPlane.Store.Migrations;

/// <summary>
/// One numbered schema step. Its SQL runs inside the migration transaction, so it must not BEGIN or COMMIT, nor
/// rely on PRAGMAs that are no-ops in a transaction (foreign_keys, journal_mode).
/// </summary>
internal sealed record Migration(int Version, string Name, string Sql);
