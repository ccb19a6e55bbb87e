using System.Globalization;
using System.Threading.Channels;
using Docker.DotNet.Models;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// Makes a step's image present according to its pull policy, reporting a pull as system lines: the start, one line
/// per image-wide message and per finished layer (byte-level progress is left out), and the end.
/// </summary>
internal static class ImagePreparer
{
    /// <returns>Null when the image is ready; otherwise why the step cannot run.</returns>
    /// <exception cref="DockerEngineException">The daemon failed other than in the pull itself.</exception>
    public static async Task<string?> EnsureAsync(ContainerEngine engine, string image, PullPolicy policy, SerializedSink sink, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (policy != PullPolicy.Always && await engine.ImageExistsAsync(image, cancellationToken))
        {
            return null;
        }

        if (policy == PullPolicy.Never)
        {
            return $"Image '{image}' is not present on this runner and the pull policy is Never.";
        }

        await sink.WriteSystemLineAsync($"Pulling image {image}", cancellationToken);
        var started = timeProvider.GetTimestamp();
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var writing = WriteLinesAsync(lines.Reader, sink, cancellationToken);
        try
        {
            await engine.PullImageAsync(image, message => WriteLine(lines.Writer, message), cancellationToken);
        }
        catch (ImagePullException ex)
        {
            lines.Writer.TryComplete();
            await writing;
            return ex.Message;
        }
        catch
        {
            lines.Writer.TryComplete();
            await Task.WhenAny(writing);
            throw;
        }

        lines.Writer.TryComplete();
        await writing;
        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        await sink.WriteSystemLineAsync($"Pulled image {image} in {seconds} s", cancellationToken);
        return null;
    }

    private static async Task WriteLinesAsync(ChannelReader<string> lines, SerializedSink sink, CancellationToken cancellationToken)
    {
        await foreach (var line in lines.ReadAllAsync(cancellationToken))
        {
            await sink.WriteSystemLineAsync(line, cancellationToken);
        }
    }

    /// <summary>Per-layer byte progress (Downloading, Extracting, ...) is left out: it would flood the log.</summary>
    private static void WriteLine(ChannelWriter<string> lines, JSONMessage message)
    {
        // An error message ends the pull as an ImagePullException, which the step's error reports.
        if (string.IsNullOrEmpty(message.Status))
        {
            return;
        }

        if (string.IsNullOrEmpty(message.ID))
        {
            lines.TryWrite(message.Status);
        }
        else if (message.Status is "Pull complete" or "Already exists")
        {
            lines.TryWrite($"{message.ID}: {message.Status}");
        }
    }
}
