using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Runners;

/// <summary>The registration tokens given by <c>--registration-token</c> (or <c>CP_REGISTRATION_TOKEN</c>).</summary>
public sealed class StaticRegistrationTokens : IRegistrationTokenValidator
{
    // Hashes, so every comparison is over 32 bytes and its time does not depend on where or how long tokens differ.
    private readonly IReadOnlyList<byte[]> _hashes;

    public StaticRegistrationTokens(IOptions<RunnerProtocolOptions> options)
    {
        _hashes = [.. options.Value.RegistrationTokens.Where(t => t.Length > 0).Select(Hash)];
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsValidAsync(string token, CancellationToken cancellationToken)
    {
        var presented = Hash(token);
        var valid = false;

        // Compare with every token, never stopping at the first match.
        foreach (var hash in _hashes)
        {
            valid |= CryptographicOperations.FixedTimeEquals(hash, presented);
        }

        return ValueTask.FromResult(valid && token.Length > 0);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
