namespace ControlPlane.Docker.Images;

/// <summary>One progress message of a pull, as the daemon streams it.</summary>
/// <param name="Status">e.g. "Pulling fs layer", "Downloading", "Pull complete", "Status: Downloaded newer image for …".</param>
/// <param name="LayerId">The layer the message is about; null for messages about the whole image.</param>
/// <param name="Current">Bytes done so far, for download and extract messages.</param>
/// <param name="Total">Bytes in all, when known.</param>
public sealed record ImagePullProgress(string Status, string? LayerId, long? Current, long? Total);
