using System.Net;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Images;
using ControlPlane.Docker.Transport;

namespace ControlPlane.Docker;

public sealed partial class DockerEngineClient
{
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        using var response = await _http.SendAsync(HttpMethod.Get, $"images/{Escape(image)}/json", content: null, streamBody: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"inspect image {image}", notFound: null, cancellationToken);
        return true;
    }

    public async Task PullImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        var query = $"images/create?fromImage={Escape(reference.Repository)}&tag={Escape(reference.TagOrDigest)}";
        using var response = await _http.SendAsync(HttpMethod.Post, query, content: null, streamBody: true, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Failures before the first progress message (unknown repository, unreachable registry) come as a status.
            throw new ImagePullException(image, await DockerHttp.ReadErrorMessageAsync(response, cancellationToken), response.StatusCode);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await PullProgressReader.ReadAsync(body, image, progress, cancellationToken);
    }
}
