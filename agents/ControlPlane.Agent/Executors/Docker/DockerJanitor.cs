namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// Removes the containers an earlier life of this agent left: every container labelled with this runner's name,
/// running or not. Policy: an agent restart does not resume running work (the server requeues those attempts as
/// lost), so a leftover container is stopped (SIGTERM, SIGKILL after the grace) and removed, never reattached.
/// Run it on start, before the agent takes new work: containers of the new life carry the same label.
/// </summary>
public sealed class DockerJanitor(ContainerEngine engine, string runnerName)
{
    /// <summary>Stops and removes every container of this runner.</summary>
    /// <param name="stopGrace">How long a running leftover gets between SIGTERM and SIGKILL.</param>
    /// <returns>What was removed, with the attempt each container ran when its labels say.</returns>
    /// <exception cref="DockerEngineException">The daemon could not list or remove them.</exception>
    public async Task<IReadOnlyList<LeftoverContainer>> SweepAsync(TimeSpan stopGrace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runnerName);
        var removed = new List<LeftoverContainer>();
        foreach (var container in await engine.ListContainersAsync(DockerLabels.OfRunner(runnerName), cancellationToken))
        {
            // The daemon matches the label exactly, but a sweep that removed a stranger's container would be a disaster.
            var labels = new Dictionary<string, string>(container.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            if (labels.GetValueOrDefault(DockerLabels.Runner) != runnerName)
            {
                continue;
            }

            // Gone since the listing (removed by hand, or --rm) is fine: stop and remove leave a missing container alone.
            await engine.StopContainerAsync(container.ID, stopGrace, cancellationToken);
            await engine.RemoveContainerAsync(container.ID, cancellationToken);
            removed.Add(new LeftoverContainer(container.ID, DockerLabels.AttemptOf(labels), container.State));
        }

        return removed;
    }
}
