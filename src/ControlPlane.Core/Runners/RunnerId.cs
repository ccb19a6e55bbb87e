using System.Globalization;

namespace ControlPlane.Core.Runners;

/// <summary>The store's id of a registered runner.</summary>
public readonly record struct RunnerId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
