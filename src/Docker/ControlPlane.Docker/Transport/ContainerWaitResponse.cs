namespace ControlPlane.Docker.Transport;

internal sealed record ContainerWaitResponse(long StatusCode, ContainerWaitError? Error);

internal sealed record ContainerWaitError(string? Message);
