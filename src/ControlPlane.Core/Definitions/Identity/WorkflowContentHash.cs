using System.Security.Cryptography;

namespace ControlPlane.Core.Definitions.Identity;

/// <summary>
/// The identity of a definition's content: SHA-256 over a canonical form of the parsed model. Formatting,
/// comments, key order, YAML versus JSON, and nested groups versus the equivalent explicit needs all
/// hash the same; any change in meaning hashes differently. Applying the same content twice is the same revision.
/// </summary>
public static class WorkflowContentHash
{
    public const string Prefix = "sha256:";

    public static string Compute(WorkflowDefinition definition)
    {
        var canonical = CanonicalWorkflowWriter.Write(definition);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(canonical));
    }
}
