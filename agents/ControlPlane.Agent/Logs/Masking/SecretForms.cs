using System.Text;

namespace ControlPlane.Agent.Logs.Masking;

/// <summary>
/// The byte strings that reveal a secret in a log:
/// <list type="bullet">
/// <item>its UTF-8 bytes;</item>
/// <item>base64 forms as GitHub Actions registers them (ADR 0297): the standard base64 of the secret with its padding,
/// and, for the three positions the secret can take relative to base64's 3-byte groups inside a longer encoded text,
/// the encoding of the secret without its first 0, 1 or 2 bytes, trimmed of '=' padding and, when there was padding,
/// of the last character (which would change if more bytes followed the secret);</item>
/// <item>hex of its UTF-8 bytes, lower and upper case (<c>xxd -p</c>, <c>od</c>-free dumps, <c>Convert.ToHexString</c>);
/// hex is byte-aligned, so the secret's hex appears unchanged inside a longer hex text;</item>
/// <item>percent-encoded forms (<c>curl --data-urlencode</c>, query strings, <c>jq @uri</c>): RFC 3986 (unreserved
/// characters kept) with upper- and lower-case hex digits, HTML form encoding (space as '+'), and every byte
/// percent-encoded, upper and lower case.</item>
/// </list>
/// Derived forms shorter than <see cref="MinimumDerivedLength"/> characters are dropped: they would mask ordinary text
/// while hiding only a few bits. Duplicates (a secret whose URL form is itself) are removed by <see cref="SecretMasker"/>.
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
        foreach (var derived in Derived(raw))
        {
            if (derived.Length >= MinimumDerivedLength)
            {
                yield return Encoding.ASCII.GetBytes(derived);
            }
        }
    }

    private static IEnumerable<string> Derived(byte[] raw)
    {
        yield return Convert.ToBase64String(raw);
        for (var skip = 0; skip < 3 && skip < raw.Length; skip++)
        {
            yield return Trim(Convert.ToBase64String(raw, skip, raw.Length - skip));
        }

        yield return Convert.ToHexStringLower(raw);
        yield return Convert.ToHexString(raw);
        yield return PercentEncode(raw, upper: true, plusForSpace: false, encodeAll: false);
        yield return PercentEncode(raw, upper: false, plusForSpace: false, encodeAll: false);
        yield return PercentEncode(raw, upper: true, plusForSpace: true, encodeAll: false);
        yield return PercentEncode(raw, upper: true, plusForSpace: false, encodeAll: true);
        yield return PercentEncode(raw, upper: false, plusForSpace: false, encodeAll: true);
    }

    private static string Trim(string base64)
    {
        var unpadded = base64.TrimEnd('=');
        return unpadded.Length == base64.Length ? base64 : unpadded[..^1];
    }

    // Uri.EscapeDataString and WebUtility.UrlEncode each fix one letter case and one treatment of space; the forms
    // above need all of them, so the few lines of the encoding are written here.
    private static string PercentEncode(byte[] raw, bool upper, bool plusForSpace, bool encodeAll)
    {
        var text = new StringBuilder(raw.Length * 3);
        foreach (var b in raw)
        {
            if (!encodeAll && IsUnreserved(b))
            {
                text.Append((char)b);
            }
            else if (!encodeAll && plusForSpace && b == (byte)' ')
            {
                text.Append('+');
            }
            else
            {
                text.Append('%').Append(upper ? Convert.ToHexString([b]) : Convert.ToHexStringLower([b]));
            }
        }

        return text.ToString();
    }

    private static bool IsUnreserved(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
