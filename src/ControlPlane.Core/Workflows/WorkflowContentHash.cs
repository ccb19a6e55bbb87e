using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Core.Workflows;

/// <summary>The content hash that identifies a workflow revision: <c>sha256:</c> and the lower-case hex SHA-256 of the UTF-8 source.</summary>
public static class WorkflowContentHash
{
    public static string Of(string source) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
}
