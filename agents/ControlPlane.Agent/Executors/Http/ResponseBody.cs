using System.Buffers;
using System.Text;
using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Executors.Http;

/// <summary>A response body as an http step keeps it: the first bytes logged to stdout, a smaller head as an output.</summary>
/// <param name="Head">The first bytes, up to the output limit, decoded as UTF-8 (an incomplete last character dropped).</param>
/// <param name="LoggedBytes">How many bytes went to stdout.</param>
/// <param name="LogTruncated">The body was longer than the log limit; the rest was not read.</param>
/// <param name="HeadTruncated">The body was longer than the output limit.</param>
internal sealed record ResponseBody(string Head, long LoggedBytes, bool LogTruncated, bool HeadTruncated)
{
    public static async Task<ResponseBody> ReadAsync(Stream body, IStepOutputSink sink, int maxLogged, int maxHead, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var head = new ArrayBufferWriter<byte>(Math.Min(maxHead, 64 * 1024) + 1);
        long logged = 0;
        var headTruncated = false;
        while (true)
        {
            var want = (int)Math.Min(buffer.Length, maxLogged - logged + 1);
            var read = await body.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
            if (read == 0)
            {
                return new ResponseBody(Decode(head), logged, LogTruncated: false, headTruncated);
            }

            var keep = (int)Math.Min(read, maxLogged - logged);
            if (keep > 0)
            {
                await sink.WriteAsync(LogStream.Stdout, buffer.AsMemory(0, keep), cancellationToken);
                logged += keep;
            }

            var headRoom = maxHead - head.WrittenCount;
            head.Write(buffer.AsSpan(0, Math.Min(Math.Max(headRoom, 0), read)));
            headTruncated |= read > headRoom;
            if (keep < read)
            {
                // One byte past the log limit shows the body goes on; it is not read further.
                return new ResponseBody(Decode(head), logged, LogTruncated: true, HeadTruncated: true);
            }
        }
    }

    private static string Decode(ArrayBufferWriter<byte> head)
    {
        var bytes = head.WrittenSpan;
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var count = decoder.GetChars(bytes, chars, flush: false);
        return new string(chars, 0, count);
    }
}
