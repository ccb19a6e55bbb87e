using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Images;
using ControlPlane.Docker.Streams;

namespace ControlPlane.Docker;

/// <summary>
/// The Docker Engine as an agent's docker executor needs it: images, one container per step, the container's
/// output as separate stdout and stderr bytes, its exit, and finding and removing what an earlier agent process left.
/// </summary>
/// <remarks>
/// <para><b>Call order for a step.</b>
/// <see cref="ImageExistsAsync"/>, then <see cref="PullImageAsync"/> if it does not;
/// <see cref="CreateContainerAsync"/> with labels that name the owner (agent, attempt) — record the returned id
/// before reporting the step started;
/// <see cref="AttachAsync"/>, then <see cref="StartContainerAsync"/> — attach first, or output written before the
/// attach is in place is only in the daemon's log;
/// <see cref="ContainerOutputStream.CopyToAsync"/> concurrently with <see cref="WaitContainerAsync"/> — the copy ends
/// when the process exits, the wait returns its exit code;
/// <see cref="RemoveContainerAsync"/> in a finally.
/// To cancel a step: <see cref="StopContainerAsync"/> (stop signal, grace period, then SIGKILL); the copy and the
/// wait then end on their own.</para>
/// <para><b>After an agent restart.</b> <see cref="ListContainersAsync"/> with the agent's label finds its
/// containers, running or not; <see cref="InspectContainerAsync"/> tells whether each still runs; then either
/// reattach (<see cref="ReadLogsAsync"/> with follow, plus <see cref="WaitContainerAsync"/>) or stop and remove it.</para>
/// <para><b>Concurrency.</b> Implementations are thread-safe: any number of calls may be in flight, on different
/// containers or the same one. Attach, logs, wait and pull each hold one daemon connection while they last.</para>
/// <para><b>Cancellation.</b> Every call takes a token and gives up when it fires (throwing
/// <see cref="OperationCanceledException"/>). Giving up does not undo: a create or start abandoned in flight may
/// still happen on the daemon, which is why containers carry owner labels. Abandoning a wait or an output copy
/// leaves the container running.</para>
/// <para><b>Idempotent cleanup.</b> Stopping a stopped container, killing one that is not running and removing one
/// that does not exist all succeed, so cleanup can run twice (a finally and a restarted agent's sweep).</para>
/// <para><b>Errors.</b> <see cref="DockerUnavailableException"/> when the socket is missing, refuses or breaks;
/// <see cref="ContainerNotFoundException"/> for an unknown container id; <see cref="ImageNotFoundException"/> when
/// creating from an image that is not local; <see cref="ImagePullException"/> when a pull fails, whether the daemon
/// says so up front or mid-stream; <see cref="DockerStreamException"/> for a broken output stream;
/// <see cref="DockerApiException"/> for any other error the daemon answers with.</para>
/// </remarks>
public interface IDockerEngine
{
    /// <summary>Checks that the daemon answers.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>Whether the image is present locally (by name:tag, id or digest).</summary>
    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>
    /// Pulls the image (<c>latest</c> when the reference has no tag or digest) and returns once it is local.
    /// <paramref name="progress"/> receives the daemon's progress messages as they stream.
    /// </summary>
    /// <exception cref="ImagePullException">Unknown image or tag, unreachable registry, denied access, failed layer.</exception>
    Task PullImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Creates (does not start) a container and returns its id.</summary>
    /// <exception cref="ImageNotFoundException">The image is not local.</exception>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches to the container's stdout and stderr from now on; returns once the attachment is in place. Attach
    /// before <see cref="StartContainerAsync"/> to receive every byte. The bytes are exactly what the process wrote.
    /// </summary>
    /// <exception cref="ContainerNotFoundException"/>
    Task<ContainerOutputStream> AttachAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Starts a created container; starting a running one does nothing.</summary>
    /// <exception cref="ContainerNotFoundException"/>
    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the container is not running and returns how its process ended; returns at once for an exited
    /// container. Call it after <see cref="StartContainerAsync"/>: a created, never-started container counts as not
    /// running.
    /// </summary>
    /// <exception cref="ContainerNotFoundException"/>
    Task<ContainerExit> WaitContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>
    /// The output the daemon recorded through its log driver, from the container's start; with
    /// <paramref name="follow"/>, then live until the container stops. For reattaching after an agent restart. Unlike
    /// <see cref="AttachAsync"/> it depends on the log driver: the default json-file driver stores text, so bytes that
    /// are not valid UTF-8 come back replaced.
    /// </summary>
    /// <exception cref="ContainerNotFoundException"/>
    Task<ContainerOutputStream> ReadLogsAsync(string containerId, bool follow, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the container's stop signal, waits up to <paramref name="gracePeriod"/> (whole seconds, rounded up)
    /// for it to exit, then kills it with SIGKILL; returns once it has stopped. Stopping a stopped container does nothing.
    /// </summary>
    /// <exception cref="ContainerNotFoundException"/>
    Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>SIGKILL</c>, <c>SIGINT</c>, <c>9</c>); a container that is not running is left alone.</summary>
    /// <exception cref="ContainerNotFoundException"/>
    Task KillContainerAsync(string containerId, string signal, CancellationToken cancellationToken);

    /// <summary>Removes the container, killing it if it runs, with its anonymous volumes. A missing container is not an error.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Containers, running or stopped, that carry every one of <paramref name="labels"/> (key and value).</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <exception cref="ContainerNotFoundException"/>
    Task<ContainerDetails> InspectContainerAsync(string containerId, CancellationToken cancellationToken);
}
