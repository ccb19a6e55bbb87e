using System.Globalization;

namespace ControlPlane.Core.Workflows;

/// <summary>The store's id of a workflow (a name under which revisions are kept).</summary>
public readonly record struct WorkflowId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
