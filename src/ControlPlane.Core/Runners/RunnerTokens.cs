using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Core.Runners;

/// <summary>
/// Runner tokens: 32 random bytes, base64url, prefixed <c>cpr_</c>. Only the SHA-256 is stored; looking a runner up
/// by hash is safe because the token has 256 bits of entropy, so the hash needs no salt or slow KDF.
/// </summary>
public static class RunnerTokens
{
    private const string Prefix = "cpr_";

    public static IssuedRunnerToken Issue()
    {
        var token = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new IssuedRunnerToken(token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
