namespace ControlPlane.Cli.Tests.Support;

/// <summary>Test classes that share one server and agent; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "control plane";
}
