using ControlPlane.Core.Attempts;
using ControlPlane.Core.Auth;
using ControlPlane.Core.Events;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Retention;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Statistics;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Triggers;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Storage;

/// <summary>
/// One store transaction and the repositories that work inside it. See <see cref="IStore"/> for the call order,
/// concurrency and cancellation contract.
/// </summary>
/// <remarks>
/// Every state transition a repository makes is written together with its event row: both or neither. A
/// transition that throws (illegal, conflicting, stale, or a failed write) leaves nothing behind, so the unit of
/// work stays usable and may still commit its other work.
/// </remarks>
public interface IUnitOfWork : IAsyncDisposable
{
    bool IsReadOnly { get; }

    IWorkflowRepository Workflows { get; }

    IRunRepository Runs { get; }

    IStepRepository Steps { get; }

    IAttemptRepository Attempts { get; }

    IRunnerRepository Runners { get; }

    ILogRepository Logs { get; }

    IEventLog Events { get; }

    IIdempotencyKeyRepository IdempotencyKeys { get; }

    IApiTokenRepository ApiTokens { get; }

    INotificationRepository Notifications { get; }

    IScheduleRepository Schedules { get; }

    /// <summary>Signed webhook bodies within the replay window.</summary>
    ISignedDeliveryRepository SignedDeliveries { get; }

    /// <summary>Aggregate reads for metrics and run statistics.</summary>
    IStatisticsRepository Statistics { get; }

    /// <summary>Deletion of old history (finished runs and their logs).</summary>
    IRetentionRepository Retention { get; }

    /// <summary>
    /// Makes everything durable (on disk when this returns) and ends the unit of work; call at most once.
    /// For a read unit of work it just ends the snapshot.
    /// </summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
