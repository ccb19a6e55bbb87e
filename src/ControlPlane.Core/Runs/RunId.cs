using System.Globalization;

namespace ControlPlane.Core.Runs;

/// <summary>The store's id of a run.</summary>
public readonly record struct RunId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
