using System.Buffers;
using System.Text;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Decodes <c>grpc-message</c>: UTF-8 text in which bytes outside 0x20-0x7E and '%' are sent as %XX.
/// Malformed escapes are kept literally, as the specification asks decoders never to fail.
/// </summary>
internal static class PercentEncoding
{
    private const int StackLimit = 256;

    public static string Decode(string value)
    {
        if (value.IndexOf('%', StringComparison.Ordinal) < 0 && Ascii.IsValid(value))
        {
            return value;
        }

        byte[]? rented = null;
        // A char becomes at most 3 UTF-8 bytes; escapes only shrink.
        var maxBytes = value.Length * 3;
        var bytes = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var count = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
                {
                    bytes[count++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else if (c <= 0xFF)
                {
                    // HTTP header values arrive as Latin-1, so a raw UTF-8 byte from a lax peer maps back to itself.
                    bytes[count++] = (byte)c;
                }
                else
                {
                    var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                    count += Encoding.UTF8.GetBytes(value.AsSpan(i, length), bytes[count..]);
                    i += length - 1;
                }
            }

            return Encoding.UTF8.GetString(bytes[..count]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
