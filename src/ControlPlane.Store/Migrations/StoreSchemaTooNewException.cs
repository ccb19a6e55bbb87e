namespace ControlPlane.Store.Migrations;

/// <summary>The file was written by a newer build: opening it with this one could corrupt it, so it is refused.</summary>
public sealed class StoreSchemaTooNewException : StoreOpenException
{
    public StoreSchemaTooNewException(string path, int fileVersion, int knownVersion)
        : base(path, $"its schema version is {fileVersion}, but this build knows versions up to {knownVersion}; run a newer cp-server or use another data directory")
    {
        FileVersion = fileVersion;
        KnownVersion = knownVersion;
    }

    public int FileVersion { get; }

    public int KnownVersion { get; }
}
