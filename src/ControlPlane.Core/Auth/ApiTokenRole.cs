namespace ControlPlane.Core.Auth;

/// <summary>What an API token may do; the server's method table says which roles each call accepts.</summary>
public enum ApiTokenRole
{
    /// <summary>Everything.</summary>
    Admin,

    /// <summary>Workflows and runs: every read and every change.</summary>
    Operator,

    /// <summary>Reads only.</summary>
    Viewer,

    /// <summary>Registering agents as runners, nothing else.</summary>
    Runner,
}
