using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>
/// An idempotency key was reused for a different request (another workflow, revision or inputs). Reusing a key is
/// only safe for a retry of the same request, which gets the run the first one created.
/// </summary>
public sealed class IdempotencyKeyConflictException : Exception
{
    public IdempotencyKeyConflictException(string key, RunId existingRun, string difference)
        : base($"Idempotency key '{key}' already started run {existingRun} with {difference}; use a new key for a different request.")
    {
        Key = key;
        ExistingRun = existingRun;
    }

    public string Key { get; }

    public RunId ExistingRun { get; }
}
