namespace ControlPlane.Core.Storage;

/// <summary>No row has the given id.</summary>
public sealed class EntityNotFoundException : StoreException
{
    public EntityNotFoundException(string entity, string id)
        : base($"There is no {entity} {id}.")
    {
        Entity = entity;
        Id = id;
    }

    public string Entity { get; }

    public string Id { get; }
}
