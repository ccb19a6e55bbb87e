using System.Buffers;
using System.Text;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// The percent-encoding of <c>grpc-message</c>: the UTF-8 bytes of the message, with every byte outside
/// 0x20-0x7E and the '%' itself written as %XX. Decoding is lenient: a malformed escape is kept as text.
/// </summary>
internal static class GrpcMessageEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Encode(string message)
    {
        if (!NeedsEncoding(message))
        {
            return message;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new ArrayBufferWriter<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
            {
                bytes.Write([(byte)((high << 4) | low)]);
                i += 2;
            }
            else
            {
                // The header value is ASCII; anything else was not produced by an encoder and is kept as is.
                Encoding.UTF8.GetBytes([c], bytes);
            }
        }

        return Encoding.UTF8.GetString(bytes.WrittenSpan);
    }

    private static bool NeedsEncoding(string message)
    {
        foreach (var c in message)
        {
            if (c is < (char)0x20 or > (char)0x7E or '%')
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
