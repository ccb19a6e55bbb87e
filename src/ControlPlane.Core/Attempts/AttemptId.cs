using System.Globalization;

namespace ControlPlane.Core.Attempts;

/// <summary>The store's id of one attempt at a step.</summary>
public readonly record struct AttemptId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
