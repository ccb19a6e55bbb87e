namespace ControlPlane.Docker.Images;

/// <summary>
/// An image reference split the way the pull endpoint wants it: the repository in <c>fromImage</c> and the tag or
/// digest in <c>tag</c>. A reference without either means <c>latest</c>, because an empty <c>tag</c> makes the daemon
/// pull every tag of the repository.
/// </summary>
internal readonly record struct ImageReference(string Repository, string TagOrDigest)
{
    public const string DefaultTag = "latest";

    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);

        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            // name[:tag]@digest: the digest alone identifies the image.
            var name = reference[..at];
            var nameTag = TagSeparator(name);
            return new ImageReference(nameTag < 0 ? name : name[..nameTag], reference[(at + 1)..]);
        }

        var colon = TagSeparator(reference);
        return colon < 0
            ? new ImageReference(reference, DefaultTag)
            : new ImageReference(reference[..colon], reference[(colon + 1)..]);
    }

    /// <summary>The colon before a tag: after the last slash, so a registry port (<c>host:5000/x</c>) is not mistaken for one.</summary>
    private static int TagSeparator(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? colon : -1;
    }

    public override string ToString() => TagOrDigest.Contains(':', StringComparison.Ordinal)
        ? $"{Repository}@{TagOrDigest}"
        : $"{Repository}:{TagOrDigest}";
}
