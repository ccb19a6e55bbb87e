using System.Globalization;

namespace ControlPlane.Core.Steps;

/// <summary>The store's id of one step in a run's plan.</summary>
public readonly record struct StepId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
