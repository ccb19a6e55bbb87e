namespace ControlPlane.Core.Storage;

/// <summary>
/// The database refused or failed a statement: a broken constraint (e.g. a reference to a row that does not exist),
/// a full disk, an I/O error. The repository operation that hit it wrote nothing; the inner exception has the
/// engine's details.
/// </summary>
public sealed class StoreFailureException : StoreException
{
    public StoreFailureException(string message, Exception innerException)
        : base($"The store failed: {message}", innerException)
    {
    }
}
