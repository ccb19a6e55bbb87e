using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace ControlPlane.Grpc.Server.Tests.Wire;

/// <summary>
/// A TCP connection that speaks HTTP/2 frames written by hand: the connection preface, SETTINGS, HEADERS (HPACK
/// literals without indexing, no Huffman), DATA and RST_STREAM. For traffic a well-behaved client never sends.
/// </summary>
internal sealed class RawHttp2Connection : IAsyncDisposable
{
    private static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHttp2Connection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHttp2Connection> ConnectAsync(Uri server, CancellationToken cancellationToken = default)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        return new RawHttp2Connection(tcp);
    }

    public async Task SendBytesAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>The client connection preface followed by an empty SETTINGS frame.</summary>
    public Task SendPrefaceAsync(CancellationToken cancellationToken = default) =>
        SendBytesAsync([.. Preface, .. Frame(Http2Frame.Settings, 0, 0, [])], cancellationToken);

    public Task SendHeadersAsync(int streamId, IEnumerable<(string Name, string Value)> headers, bool endStream, CancellationToken cancellationToken = default)
    {
        var block = new List<byte>();
        foreach (var (name, value) in headers)
        {
            block.Add(0x00); // literal header field without indexing, new name
            AppendString(block, name);
            AppendString(block, value);
        }

        var flags = (byte)(Http2Frame.EndHeadersFlag | (endStream ? Http2Frame.EndStreamFlag : 0));
        return SendBytesAsync(Frame(Http2Frame.Headers, flags, streamId, [.. block]), cancellationToken);
    }

    public Task SendDataAsync(int streamId, byte[] data, bool endStream, CancellationToken cancellationToken = default) =>
        SendBytesAsync(Frame(Http2Frame.Data, endStream ? Http2Frame.EndStreamFlag : (byte)0, streamId, data), cancellationToken);

    public Task SendRstStreamAsync(int streamId, uint errorCode, CancellationToken cancellationToken = default)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, errorCode);
        return SendBytesAsync(Frame(Http2Frame.RstStream, 0, streamId, payload), cancellationToken);
    }

    /// <summary>
    /// The next frame, or null once the server has closed the connection. SETTINGS and PING from the server are
    /// acknowledged on the way, as a client must.
    /// </summary>
    public async Task<Http2Frame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[9];
        if (!await ReadExactlyOrEndAsync(header, cancellationToken))
        {
            return null;
        }

        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var payload = new byte[length];
        if (!await ReadExactlyOrEndAsync(payload, cancellationToken))
        {
            return null;
        }

        var frame = new Http2Frame(header[3], header[4], (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF), payload);
        if (frame.Type == Http2Frame.Settings && (frame.Flags & Http2Frame.AckFlag) == 0)
        {
            await SendBytesAsync(Frame(Http2Frame.Settings, Http2Frame.AckFlag, 0, []), cancellationToken);
        }
        else if (frame.Type == Http2Frame.Ping && (frame.Flags & Http2Frame.AckFlag) == 0)
        {
            await SendBytesAsync(Frame(Http2Frame.Ping, Http2Frame.AckFlag, 0, frame.Payload), cancellationToken);
        }

        return frame;
    }

    /// <summary>Reads frames until the server closes the connection; returns the frames it sent before closing.</summary>
    public async Task<List<Http2Frame>> ReadUntilClosedAsync(CancellationToken cancellationToken)
    {
        var frames = new List<Http2Frame>();
        try
        {
            while (await ReadFrameAsync(cancellationToken) is { } frame)
            {
                frames.Add(frame);
            }
        }
        catch (IOException)
        {
            // A reset connection is closed too.
        }

        return frames;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static byte[] Frame(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(5), (uint)streamId);
        payload.CopyTo(frame, 9);
        return frame;
    }

    /// <summary>An HPACK string literal: no Huffman, length as an integer with a 7-bit prefix (RFC 7541 5.1, 5.2).</summary>
    private static void AppendString(List<byte> block, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var length = bytes.Length;
        if (length < 127)
        {
            block.Add((byte)length);
        }
        else
        {
            block.Add(127);
            length -= 127;
            while (length >= 128)
            {
                block.Add((byte)((length % 128) + 128));
                length /= 128;
            }

            block.Add((byte)length);
        }

        block.AddRange(bytes);
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
