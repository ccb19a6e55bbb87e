using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Grpc.Client.Tests.Fixtures;

/// <summary>Writes and reads gRPC frames by hand on the server side, so tests control every byte.</summary>
public static class GrpcWire
{
    public const string ContentType = "application/grpc";

    public static byte[] Frame(ReadOnlySpan<byte> payload, byte compressedFlag = 0) =>
        Prefix(compressedFlag, (uint)payload.Length, payload);

    /// <summary>A prefix announcing <paramref name="announcedLength"/> followed by whatever payload bytes are given.</summary>
    public static byte[] Prefix(byte compressedFlag, uint announcedLength, ReadOnlySpan<byte> payload = default)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), announcedLength);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static async Task WriteAsync(HttpResponse response, byte[] bytes)
    {
        await response.Body.WriteAsync(bytes);
        await response.Body.FlushAsync();
    }

    /// <summary>Starts a gRPC response: HTTP 200 with the gRPC content type, headers sent at once.</summary>
    public static async Task StartResponseAsync(HttpResponse response)
    {
        response.ContentType = ContentType;
        await response.StartAsync();
        await response.Body.FlushAsync();
    }

    public static void EndWithStatus(HttpResponse response, int code, string? encodedMessage = null)
    {
        response.AppendTrailer("grpc-status", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (encodedMessage is not null)
        {
            response.AppendTrailer("grpc-message", encodedMessage);
        }
    }

    /// <summary>The next request message, or null at the end of the request stream.</summary>
    public static async Task<byte[]?> ReadFrameAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= 5)
            {
                var prefix = new byte[5];
                buffer.Slice(0, 5).CopyTo(prefix);
                var length = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
                if (buffer.Length >= 5 + length)
                {
                    var payload = buffer.Slice(5, length).ToArray();
                    reader.AdvanceTo(buffer.GetPosition(5 + length));
                    return payload;
                }
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.Length == 0 ? null : throw new InvalidDataException("request ended inside a message");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
