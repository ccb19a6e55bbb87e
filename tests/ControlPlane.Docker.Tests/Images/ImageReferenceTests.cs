using ControlPlane.Docker.Images;

namespace ControlPlane.Docker.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("busybox:1.36", "busybox", "1.36")]
    [InlineData("library/busybox:1.36", "library/busybox", "1.36")]
    [InlineData("registry.local:5000/team/app", "registry.local:5000/team/app", "latest")]
    [InlineData("registry.local:5000/team/app:v2", "registry.local:5000/team/app", "v2")]
    [InlineData("app@sha256:abc123", "app", "sha256:abc123")]
    [InlineData("app:v1@sha256:abc123", "app", "sha256:abc123")]
    [InlineData("127.0.0.1:1/cp/missing:latest", "127.0.0.1:1/cp/missing", "latest")]
    public void A_reference_splits_into_repository_and_tag_or_digest(string reference, string repository, string tagOrDigest)
    {
        var parsed = ImageReference.Parse(reference);

        Assert.Equal(repository, parsed.Repository);
        Assert.Equal(tagOrDigest, parsed.TagOrDigest);
    }
}
