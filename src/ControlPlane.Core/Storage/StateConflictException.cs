namespace ControlPlane.Core.Storage;

/// <summary>
/// The optimistic state check failed: the caller expected the entity in one state but the store holds another,
/// because something else moved it since the caller looked (or the caller's cache is stale). Re-read and decide again.
/// </summary>
public sealed class StateConflictException : StoreException
{
    public StateConflictException(string entity, string id, string expected, string actual)
        : base($"The {entity} {id} is '{actual}', not '{expected}' as expected.")
    {
        Entity = entity;
        Id = id;
        Expected = expected;
        Actual = actual;
    }

    public string Entity { get; }

    public string Id { get; }

    public string Expected { get; }

    public string Actual { get; }
}
