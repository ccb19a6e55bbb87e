namespace ControlPlane.Server.Scheduling;

/// <summary>
/// Timings and limits of the scheduler, bound from the <c>Scheduler</c> section of the configuration (durations as
/// <c>hh:mm:ss</c>, or <c>15s</c>-style with the matching flags) and validated on start.
/// </summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often runners are asked to heartbeat. Default 5 seconds; must be well under <see cref="RunnerLostTimeout"/>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a runner may go without a heartbeat before it is lost: also the lease an accepted attempt holds,
    /// renewed by every heartbeat. Default 15 seconds (three missed heartbeats).
    /// </summary>
    public TimeSpan RunnerLostTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a runner has to accept an offer before it goes to another runner. Default 10 seconds.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a server restart, how long runners have to reconnect and reattach to the attempts they were offered or
    /// running before those leases are declared lost. Default (null): twice <see cref="RunnerLostTimeout"/>.
    /// </summary>
    public TimeSpan? FailoverGrace { get; set; }

    /// <summary>How long a runner may take to stop cancelled work (interrupt, then terminate, then kill). Default 10 seconds.</summary>
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most state changes one scheduler tick makes (all in one transaction); the loop goes straight on to the next tick
    /// when there is more, letting runner reports in between. Default 256.
    /// </summary>
    public int MaxDecisionsPerTick { get; set; } = 256;

    /// <summary>How long the loop waits after a tick failed (e.g. the disk is full) before trying again. Default 1 second.</summary>
    public TimeSpan TickRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a runner that rejected an offer is offered nothing new; each further reject in a row doubles it, up to
    /// <see cref="MaxRejectBackoff"/>, and an accept resets it. Default 1 second.
    /// </summary>
    public TimeSpan RejectBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause after rejects in a row. Default 30 seconds.</summary>
    public TimeSpan MaxRejectBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The failover grace in effect.</summary>
    public TimeSpan EffectiveFailoverGrace => FailoverGrace ?? RunnerLostTimeout * 2;
}
