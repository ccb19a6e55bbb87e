namespace ControlPlane.Core.Auth;

/// <summary>A freshly issued token: <see cref="Secret"/> is shown to its owner once, <see cref="Hash"/> is stored.</summary>
public sealed record IssuedApiToken(string Secret, byte[] Hash);
