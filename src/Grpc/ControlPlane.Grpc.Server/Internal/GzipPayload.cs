using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>Decompresses a gzip-compressed request message, enforcing the size limit on the decompressed bytes.</summary>
internal static class GzipPayload
{
    private const int ChunkSize = 16 * 1024;

    public static ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> compressed, int? maxMessageSize)
    {
        using var source = OpenRead(compressed);
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        var output = new ArrayBufferWriter<byte>(ChunkSize);
        try
        {
            // Reading from memory is CPU work; there is no I/O to await here.
            int read;
            while ((read = gzip.Read(output.GetSpan(ChunkSize))) > 0)
            {
                output.Advance(read);
                if (output.WrittenCount > maxMessageSize)
                {
                    throw new RpcException(new Status(
                        StatusCode.ResourceExhausted,
                        $"Received message exceeds the maximum configured message size after decompression ({maxMessageSize} bytes)."));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress the gzip request message.", ex));
        }

        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    private static MemoryStream OpenRead(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment && MemoryMarshal.TryGetArray(bytes.First, out var segment) && segment.Array is not null)
        {
            return new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false);
        }

        return new MemoryStream(bytes.ToArray(), writable: false);
    }
}
