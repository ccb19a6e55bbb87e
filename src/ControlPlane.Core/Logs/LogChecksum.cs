using System.Security.Cryptography;

namespace ControlPlane.Core.Logs;

/// <summary>The checksum a runner declares for an attempt's log: lower-case hex SHA-256 of all its bytes in offset order.</summary>
public static class LogChecksum
{
    public static string Of(ReadOnlySpan<byte> log) => Convert.ToHexStringLower(SHA256.HashData(log));

    /// <summary>Formats a finished SHA-256 (e.g. from an <see cref="IncrementalHash"/>) the same way.</summary>
    public static string FromHash(ReadOnlySpan<byte> sha256) => Convert.ToHexStringLower(sha256);
}
