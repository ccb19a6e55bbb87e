using ControlPlane.Core.Storage;

namespace ControlPlane.Core.Runs;

/// <summary>A run was created with an idempotency key that already belongs to another run.</summary>
public sealed class DuplicateIdempotencyKeyException : StoreException
{
    public DuplicateIdempotencyKeyException(string key, RunId existingRun)
        : base($"Idempotency key '{key}' already belongs to run {existingRun}.")
    {
        Key = key;
        ExistingRun = existingRun;
    }

    public string Key { get; }

    public RunId ExistingRun { get; }
}
