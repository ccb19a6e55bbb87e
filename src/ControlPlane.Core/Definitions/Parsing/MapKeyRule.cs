namespace ControlPlane.Core.Definitions.Parsing;

internal enum MapKeyRule
{
    /// <summary>Environment variable names.</summary>
    EnvName,

    /// <summary>Output names and similar identifiers.</summary>
    Id,

    /// <summary>Anything, e.g. HTTP header names.</summary>
    Any,
}
