namespace ControlPlane.Core.Definitions;

/// <summary>What happens to a newer run when its concurrency key is already at its limit.</summary>
public enum ConflictBehavior
{
    /// <summary>The newer run waits until a slot frees up.</summary>
    Queue,

    /// <summary>The newer run starts and the oldest runs holding the key are cancelled.</summary>
    CancelOlder,
}
