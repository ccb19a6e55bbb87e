namespace ControlPlane.Core.Storage;

/// <summary>A write was attempted in a unit of work begun with <see cref="IStore.BeginReadAsync"/>.</summary>
public sealed class ReadOnlyUnitOfWorkException : StoreException
{
    public ReadOnlyUnitOfWorkException(string operation)
        : base($"{operation} writes, but this unit of work is read-only; begin it with IStore.BeginAsync.")
    {
        Operation = operation;
    }

    public string Operation { get; }
}
