namespace ControlPlane.Core.Storage;

/// <summary>The base of the store's named errors, so a host can map them to one status in one place.</summary>
public abstract class StoreException : Exception
{
    protected StoreException(string message)
        : base(message)
    {
    }

    protected StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
