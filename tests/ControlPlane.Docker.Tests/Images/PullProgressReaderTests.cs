using System.Text;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Images;
using ControlPlane.Docker.Transport;

namespace ControlPlane.Docker.Tests.Images;

/// <summary>The daemon answers a pull with 200 before it knows the outcome, so failures can arrive mid-stream.</summary>
public sealed class PullProgressReaderTests
{
    private const string Progress =
        "{\"status\":\"Pulling from library/app\",\"id\":\"1.0\"}\r\n" +
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":512,\"total\":2048},\"progress\":\"[==>   ]\",\"id\":\"a1b2c3\"}\r\n" +
        "\r\n";

    [Fact]
    public async Task An_error_in_the_middle_of_the_stream_is_an_ImagePullException_with_the_daemons_message()
    {
        var stream = Progress + "{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}\r\n";

        var error = await Assert.ThrowsAsync<ImagePullException>(() => ReadAsync(stream, progress: null));

        Assert.Equal("unexpected EOF", error.DaemonMessage);
        Assert.Equal("app:1.0", error.Image);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Progress_messages_are_reported_until_the_stream_ends()
    {
        var reports = new List<ImagePullProgress>();
        var stream = Progress + "{\"status\":\"Status: Downloaded newer image for app:1.0\"}\r\n";

        await ReadAsync(stream, new SynchronousProgress(reports.Add));

        Assert.Equal(3, reports.Count);
        Assert.Equal(new ImagePullProgress("Downloading", "a1b2c3", 512, 2048), reports[1]);
        Assert.StartsWith("Status: Downloaded", reports[2].Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_is_not_json_is_an_ImagePullException()
    {
        await Assert.ThrowsAsync<ImagePullException>(() => ReadAsync("<html>bad gateway</html>\n", progress: null));
    }

    private static Task ReadAsync(string stream, IProgress<ImagePullProgress>? progress) =>
        PullProgressReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(stream)), "app:1.0", progress, CancellationToken.None);

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; assertions need the reports in order, now.</summary>
    private sealed class SynchronousProgress(Action<ImagePullProgress> report) : IProgress<ImagePullProgress>
    {
        public void Report(ImagePullProgress value) => report(value);
    }
}
