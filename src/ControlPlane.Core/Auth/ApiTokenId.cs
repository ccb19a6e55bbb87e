namespace ControlPlane.Core.Auth;

/// <summary>The store's id of an API token.</summary>
public readonly record struct ApiTokenId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
