using System.Text.Json;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Images;

namespace ControlPlane.Docker.Transport;

/// <summary>
/// Reads a pull's progress stream: one JSON message per line. The daemon answers 200 as soon as it starts writing,
/// so a failure after that (a missing tag, a layer that fails to download) arrives as a message with an
/// <c>error</c> field, and the stream then ends normally. Such a message becomes an <see cref="ImagePullException"/>.
/// </summary>
internal static class PullProgressReader
{
    public static async Task ReadAsync(Stream stream, string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            PullMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(line, DockerJsonContext.Default.PullMessage);
            }
            catch (JsonException ex)
            {
                throw new ImagePullException(image, $"unreadable progress message '{line}': {ex.Message}", statusCode: null);
            }

            if (message is null)
            {
                continue;
            }

            var error = message.ErrorDetail?.Message ?? message.Error;
            if (!string.IsNullOrEmpty(error))
            {
                throw new ImagePullException(image, error, statusCode: null);
            }

            if (message.Status is not null)
            {
                progress?.Report(new ImagePullProgress(message.Status, message.Id, message.ProgressDetail?.Current, message.ProgressDetail?.Total));
            }
        }
    }
}
