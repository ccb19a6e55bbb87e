using System.Text;

namespace ControlPlane.Agent.Logs.Masking;

/// <summary>
/// The byte strings that reveal a secret in a log: its UTF-8 bytes, and base64 forms as GitHub Actions registers
/// them (ADR 0297): the standard base64 of the secret with its padding, and, for the three positions the secret can
/// take relative to base64's 3-byte groups inside a longer encoded text, the encoding of the secret without its first
/// 0, 1 or 2 bytes, trimmed of '=' padding and, when there was padding, of the last character (which would change if
/// more bytes followed the secret). Derived forms shorter than <see cref="MinimumDerivedLength"/> characters are
/// dropped: they would mask ordinary text while hiding only a few bits.
/// </summary>
internal static class SecretForms
{
    public const int MinimumDerivedLength = 4;

    public static IEnumerable<byte[]> Of(string secret)
    {
        var raw = Encoding.UTF8.GetBytes(secret);
        if (raw.Length == 0)
        {
            yield break;
        }

        yield return raw;
        var encoded = Convert.ToBase64String(raw);
        if (encoded.Length >= MinimumDerivedLength)
        {
            yield return Encoding.ASCII.GetBytes(encoded);
        }

        for (var skip = 0; skip < 3 && skip < raw.Length; skip++)
        {
            var aligned = Trim(Convert.ToBase64String(raw, skip, raw.Length - skip));
            if (aligned.Length >= MinimumDerivedLength)
            {
                yield return Encoding.ASCII.GetBytes(aligned);
            }
        }
    }

    private static string Trim(string base64)
    {
        var unpadded = base64.TrimEnd('=');
        return unpadded.Length == base64.Length ? base64 : unpadded[..^1];
    }
}
