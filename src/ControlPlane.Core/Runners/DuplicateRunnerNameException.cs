using ControlPlane.Core.Storage;

namespace ControlPlane.Core.Runners;

/// <summary>A runner with this name is already registered.</summary>
public sealed class DuplicateRunnerNameException : StoreException
{
    public DuplicateRunnerNameException(string name)
        : base($"A runner named '{name}' is already registered.")
    {
        Name = name;
    }

    public string Name { get; }
}
