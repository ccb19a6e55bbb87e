using ControlPlane.Core.Storage;

namespace ControlPlane.Store;

/// <summary>The database file could not be opened as a store; the message names the file and the reason.</summary>
public class StoreOpenException : StoreException
{
    public StoreOpenException(string path, string reason)
        : base($"Cannot open the store at '{path}': {reason}.")
    {
        Path = path;
    }

    public StoreOpenException(string path, string reason, Exception innerException)
        : base($"Cannot open the store at '{path}': {reason}.", innerException)
    {
        Path = path;
    }

    public string Path { get; }
}
