using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Grpc.Client.Tests.Fixtures;

/// <summary>
/// The raw server's endpoints. <c>Respond</c> builds its response from request headers (listed in
/// <see cref="RespondHeaders"/>), the others each play one kind of peer.
/// </summary>
internal static class RawEndpoints
{
    public static void Map(WebApplication app, RawGrpcServer server)
    {
        void Map(string method, Func<HttpContext, Task> handler) => app.MapPost($"/{RawMethods.Service}/{method}", context =>
        {
            server.RecordArrival(context);
            return handler(context);
        });

        Map("Respond", RespondAsync);
        Map("Hang", HangAsync);
        Map("HeadersThenHang", async context =>
        {
            await GrpcWire.StartResponseAsync(context.Response);
            await HangAsync(context);
        });
        Map("EchoHeaders", async context =>
        {
            var lines = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $":method: {context.Request.Method}\n")
                .Append(CultureInfo.InvariantCulture, $":path: {context.Request.PathBase}{context.Request.Path}\n")
                .Append(CultureInfo.InvariantCulture, $":protocol: {context.Request.Protocol}\n");
            foreach (var (name, values) in context.Request.Headers)
            {
                lines.Append(CultureInfo.InvariantCulture, $"{name.ToLowerInvariant()}: {values}\n");
            }

            await GrpcWire.StartResponseAsync(context.Response);
            await GrpcWire.WriteAsync(context.Response, GrpcWire.Frame(Encoding.UTF8.GetBytes(lines.ToString())));
            GrpcWire.EndWithStatus(context.Response, 0);
        });
        Map("DuplexEcho", async context =>
        {
            await GrpcWire.StartResponseAsync(context.Response);
            while (await GrpcWire.ReadFrameAsync(context.Request.BodyReader, context.RequestAborted) is { } message)
            {
                await GrpcWire.WriteAsync(context.Response, GrpcWire.Frame(message));
            }

            GrpcWire.EndWithStatus(context.Response, 0);
        });
        Map("Sum", async context =>
        {
            var (count, bytes) = (0, 0);
            while (await GrpcWire.ReadFrameAsync(context.Request.BodyReader, context.RequestAborted) is { } message)
            {
                (count, bytes) = (count + 1, bytes + message.Length);
            }

            await GrpcWire.StartResponseAsync(context.Response);
            await GrpcWire.WriteAsync(context.Response, GrpcWire.Frame(Encoding.UTF8.GetBytes($"{count}:{bytes}")));
            GrpcWire.EndWithStatus(context.Response, 0);
        });
        Map("Gate", async context =>
        {
            var gate = server.GateFor(context, int.Parse(context.Request.Headers["x-gate-size"]!, CultureInfo.InvariantCulture));
            gate.Arrive();
            await gate.AllArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            await GrpcWire.StartResponseAsync(context.Response);
            await GrpcWire.WriteAsync(context.Response, GrpcWire.Frame([]));
            GrpcWire.EndWithStatus(context.Response, 0);
        });
    }

    private static async Task RespondAsync(HttpContext context)
    {
        var request = context.Request.Headers;
        var response = context.Response;
        if (request.TryGetValue(RespondHeaders.HttpStatus, out var httpStatus))
        {
            response.StatusCode = int.Parse(httpStatus!, CultureInfo.InvariantCulture);
        }

        var trailersOnly = request.TryGetValue(RespondHeaders.HeaderStatus, out var headerStatus);
        if (httpStatus.Count > 0 && !trailersOnly)
        {
            // What a proxy or plain web server answers: no gRPC at all.
            response.ContentType = "text/plain";
            await response.WriteAsync("not a gRPC server");
            return;
        }

        if (trailersOnly)
        {
            // Trailers-only: the status and trailing metadata travel in the only HEADERS frame.
            response.ContentType = GrpcWire.ContentType;
            response.Headers["grpc-status"] = headerStatus;
            response.Headers["grpc-message"] = request[RespondHeaders.GrpcMessage];
            response.Headers["x-detail"] = "in-headers";
            return;
        }

        response.ContentType = request.TryGetValue(RespondHeaders.ContentType, out var contentType) ? contentType.ToString() : GrpcWire.ContentType;
        if (request.TryGetValue(RespondHeaders.Encoding, out var encoding))
        {
            response.Headers["grpc-encoding"] = encoding;
        }

        await response.StartAsync();
        var payload = request.TryGetValue(RespondHeaders.ResponseSize, out var size)
            ? new byte[int.Parse(size!, CultureInfo.InvariantCulture)]
            : await GrpcWire.ReadFrameAsync(context.Request.BodyReader, context.RequestAborted) ?? [];
        if (request.TryGetValue(RespondHeaders.ClaimedSize, out var claimed))
        {
            await GrpcWire.WriteAsync(response, GrpcWire.Prefix(0, uint.Parse(claimed!, CultureInfo.InvariantCulture), new byte[16]));
            await HangAsync(context);
            return;
        }

        var flag = request.TryGetValue(RespondHeaders.CompressedFlag, out var flagText) ? byte.Parse(flagText!, CultureInfo.InvariantCulture) : (byte)0;
        var body = flag == 1 && encoding == "gzip" ? Gzip(payload) : payload;
        var count = request.TryGetValue(RespondHeaders.MessageCount, out var countText) ? int.Parse(countText!, CultureInfo.InvariantCulture) : 1;
        for (var i = 0; i < count; i++)
        {
            await GrpcWire.WriteAsync(response, GrpcWire.Frame(body, flag));
        }

        if (request.ContainsKey(RespondHeaders.Truncate))
        {
            await GrpcWire.WriteAsync(response, GrpcWire.Prefix(0, 100, new byte[10]));
        }

        var status = request.TryGetValue(RespondHeaders.Status, out var statusText) ? statusText.ToString() : "0";
        if (status != "omit")
        {
            response.AppendTrailer("grpc-status", status);
        }

        if (request.TryGetValue(RespondHeaders.GrpcMessage, out var message))
        {
            response.AppendTrailer("grpc-message", message);
        }

        if (request.TryGetValue(RespondHeaders.TrailerBin, out var trailerBin))
        {
            response.AppendTrailer("x-detail-bin", trailerBin);
        }
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what these tests wait for.
        }
    }

    private static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }
}
