using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;

namespace ControlPlane.Core.Tests.Scheduling;

public class ConcurrencyAdmissionTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConcurrencyPolicy QueueOne = new("deploy-${{ inputs.env }}", 1, ConflictBehavior.Queue);
    private static readonly ConcurrencyPolicy CancelOlderOne = QueueOne with { OnConflict = ConflictBehavior.CancelOlder };

    private static QueuedRun Queued(long id, ConcurrencyPolicy? policy = null, string? key = "deploy-prod") =>
        new(new RunId(id), policy is null ? null : key, policy, T0.AddSeconds(id));

    private static ActiveRun Active(long id, bool cancelling = false) => new(new RunId(id), "deploy-prod", cancelling, T0.AddSeconds(id));

    [Fact]
    public void Runs_without_a_concurrency_key_start_at_once()
    {
        var plan = ConcurrencyAdmission.Decide([Queued(1), Queued(2)], []);

        Assert.Equal([new RunId(1), new RunId(2)], plan.Start);
        Assert.Empty(plan.Waiting);
    }

    [Fact]
    public void Queue_starts_up_to_the_limit_and_keeps_newer_runs_waiting_with_the_reason()
    {
        var plan = ConcurrencyAdmission.Decide([Queued(1, QueueOne), Queued(2, QueueOne)], []);

        Assert.Equal([new RunId(1)], plan.Start);
        Assert.Equal("waiting for concurrency key deploy-prod", plan.Waiting[new RunId(2)]);
    }

    [Fact]
    public void Queue_counts_running_and_cancelling_runs_against_the_limit()
    {
        var plan = ConcurrencyAdmission.Decide([Queued(5, QueueOne)], [Active(1, cancelling: true)]);

        Assert.Empty(plan.Start);
        Assert.Single(plan.Waiting);
    }

    [Fact]
    public void Queue_with_a_larger_limit_starts_as_many_as_fit()
    {
        var two = QueueOne with { Limit = 2 };

        var plan = ConcurrencyAdmission.Decide([Queued(2, two), Queued(3, two), Queued(4, two)], [Active(1)]);

        Assert.Equal([new RunId(2)], plan.Start);
        Assert.Equal([new RunId(3), new RunId(4)], plan.Waiting.Keys.OrderBy(k => k.Value));
    }

    [Fact]
    public void Cancel_older_starts_the_newest_run_and_cancels_the_older_ones()
    {
        var plan = ConcurrencyAdmission.Decide([Queued(3, CancelOlderOne), Queued(4, CancelOlderOne)], [Active(1), Active(2, cancelling: true)]);

        Assert.Equal([new RunId(4)], plan.Start);
        Assert.Equal([new RunId(3)], plan.CancelQueued);
        Assert.Equal([new RunId(1)], plan.CancelActive);
        Assert.Empty(plan.Waiting);
    }

    [Fact]
    public void Cancel_older_keeps_the_newest_running_runs_within_the_limit()
    {
        var plan = ConcurrencyAdmission.Decide([Queued(9, CancelOlderOne with { Limit = 3 })], [Active(1), Active(2), Active(3)]);

        Assert.Equal([new RunId(9)], plan.Start);
        Assert.Equal([new RunId(1)], plan.CancelActive);
    }
}
