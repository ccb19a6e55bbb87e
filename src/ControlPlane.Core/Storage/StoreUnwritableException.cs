namespace ControlPlane.Core.Storage;

/// <summary>
/// The database cannot be written: the disk is full, the file system was remounted read-only, or the device reports
/// an I/O error. The unit of work that hit it wrote nothing (SQLite rolls it back); what was committed before is
/// intact. It clears by itself once the cause is fixed, so callers answer "try again later" rather than "failed".
/// </summary>
public sealed class StoreUnwritableException : StoreException
{
    public StoreUnwritableException(string cause, Exception innerException)
        : base($"the database cannot be written: {cause}", innerException)
    {
        Cause = cause;
    }

    /// <summary>What the engine or the operating system said, e.g. "database or disk is full".</summary>
    public string Cause { get; }
}
