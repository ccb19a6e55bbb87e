namespace ControlPlane.Store.Migrations;

/// <summary>A migration failed; every migration of this open was rolled back, so the file is as it was.</summary>
public sealed class StoreMigrationFailedException : StoreOpenException
{
    public StoreMigrationFailedException(string path, string migration, int unchangedVersion, Exception innerException)
        : base(path, $"migration {migration} failed and was rolled back, leaving schema version {unchangedVersion}: {innerException.Message}", innerException)
    {
        Migration = migration;
        UnchangedVersion = unchangedVersion;
    }

    public string Migration { get; }

    public int UnchangedVersion { get; }
}
