using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace ControlPlane.Grpc.Server.Tests.Wire;

/// <summary>Builds and splits gRPC length-prefixed messages by hand, independently of the server's own code.</summary>
internal static class GrpcFrames
{
    public static byte[] Message(IMessage message) => Message(message.ToByteArray());

    public static byte[] Message(byte[] payload, bool compressedFlag = false) =>
        Prefix(compressedFlag, (uint)payload.Length).Concat(payload).ToArray();

    /// <summary>Only the 5-byte prefix: a compressed flag and a big-endian length that need not match what follows.</summary>
    public static byte[] Prefix(bool compressedFlag, uint declaredLength)
    {
        var prefix = new byte[5];
        prefix[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), declaredLength);
        return prefix;
    }

    public static byte[] GzipMessage(IMessage message)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            message.WriteTo(gzip);
        }

        return Message(compressed.ToArray(), compressedFlag: true);
    }

    /// <summary>Decodes a -bin header value, insisting that it was sent without padding as the spec asks.</summary>
    public static byte[] DecodeUnpaddedBase64(string? value)
    {
        Assert.NotNull(value);
        Assert.DoesNotContain('=', value);
        return Convert.FromBase64String(value.PadRight((value.Length + 3) / 4 * 4, '='));
    }

    public static List<byte[]> Split(byte[] body)
    {
        var messages = new List<byte[]>();
        var offset = 0;
        while (offset < body.Length)
        {
            Assert.True(body.Length - offset >= 5, $"response body ends inside a message prefix at {offset}");
            Assert.Equal(0, body[offset]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            Assert.True(body.Length - offset - 5 >= length, $"response body ends inside a message at {offset}");
            messages.Add(body.AsSpan(offset + 5, length).ToArray());
            offset += 5 + length;
        }

        return messages;
    }
}
