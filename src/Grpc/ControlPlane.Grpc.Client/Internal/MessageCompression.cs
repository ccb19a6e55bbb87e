using System.Buffers;
using System.IO.Compression;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Decompresses a message whose prefix has the compressed flag, by the response's grpc-encoding. The client
/// advertises identity and gzip only, so any other encoding is a server error (INTERNAL).
/// </summary>
internal static class MessageCompression
{
    private const int MinimumOutputSize = 4096;

    /// <summary>Inflates into <paramref name="output"/> (pooled, grown as needed) and returns the payload length.</summary>
    public static int Decompress(string? encoding, byte[] source, int offset, int length, ref byte[]? output, int maxLength)
    {
        if (encoding is null || string.Equals(encoding, GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Internal, "A message is flagged as compressed but the response has no grpc-encoding."));
        }

        if (!string.Equals(encoding, GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"The response uses grpc-encoding '{encoding}', which this client does not support (it accepts {GrpcProtocol.AcceptEncodingValue})."));
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(source, offset, length, writable: false), CompressionMode.Decompress);
            var total = 0;
            while (true)
            {
                if (output is null || total == output.Length)
                {
                    Grow(ref output, total, Math.Max(MinimumOutputSize, length * 2));
                }

                var read = gzip.Read(output!, total, output!.Length - total);
                if (read == 0)
                {
                    return total;
                }

                total += read;
                if (total > maxLength)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        $"Received message exceeds the maximum configured message size after decompression (> {maxLength} bytes)."));
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress a gzip message: " + e.Message, e));
        }
    }

    private static void Grow(ref byte[]? output, int used, int minimumSize)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(minimumSize, (output?.Length ?? 0) * 2));
        if (output is not null)
        {
            output.AsSpan(0, used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(output);
        }

        output = larger;
    }
}
