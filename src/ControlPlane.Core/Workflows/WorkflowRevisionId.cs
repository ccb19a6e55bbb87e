using System.Globalization;

namespace ControlPlane.Core.Workflows;

/// <summary>The store's id of one workflow revision (one exact source text).</summary>
public readonly record struct WorkflowRevisionId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
