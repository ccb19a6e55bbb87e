using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Core.Auth;

/// <summary>
/// API tokens: 32 random bytes, base64url, with a prefix telling the kind (<c>cpa_</c> for API tokens, <c>cpreg_</c>
/// for registration tokens) so a leaked token is recognisable in logs and secret scanners. Only the SHA-256 is stored;
/// 256 bits of entropy make a salt or slow KDF unnecessary and let the hash serve as the lookup key.
/// </summary>
public static class ApiTokens
{
    /// <summary>Prefix of tokens with the admin, operator or viewer role.</summary>
    public const string ApiPrefix = "cpa_";

    /// <summary>Prefix of runner-role tokens, which agents register with.</summary>
    public const string RegistrationPrefix = "cpreg_";

    public static IssuedApiToken Issue(ApiTokenRole role)
    {
        var prefix = role == ApiTokenRole.Runner ? RegistrationPrefix : ApiPrefix;
        var secret = prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new IssuedApiToken(secret, Hash(secret));
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
