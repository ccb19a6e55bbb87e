using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Attempts;

public class AttemptRepositoryTests
{
    [Fact]
    public async Task An_offer_creates_attempt_one_under_the_first_lease_epoch()
    {
        await using var store = await TestStore.OpenAsync();
        var (run, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var expires = store.Time.GetUtcNow().AddSeconds(30);

        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, expires, store.Ct));
        await store.ReopenAsync();

        var expected = new AttemptRecord(
            attempt.Id, step.Id, run.Id, 1, runner.Id, AttemptState.Offered, 1, expires, store.Time.GetUtcNow(),
            null, null, null, null, null, null, LogStatus.Empty);
        Assert.Equal(expected, await store.ReadAsync(unit => unit.Attempts.GetAsync(attempt.Id, store.Ct)));
        Assert.Equal(StepState.Offered, (await store.ReadAsync(unit => unit.Steps.GetAsync(step.Id, store.Ct))).State);
    }

    [Fact]
    public async Task Only_a_ready_step_can_be_offered()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));

        var error = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync(unit => unit.Attempts.OfferAsync(new NewAttempt(step.Id, runner.Id, store.Time.GetUtcNow()), store.Ct)));

        Assert.Equal(("step", "ready", "offered"), (error.Entity, error.Expected, error.Actual));
    }

    [Fact]
    public async Task Each_retry_is_a_new_attempt_with_the_next_number_and_a_higher_epoch()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var first = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));
        await store.WriteAsync(async unit =>
        {
            await unit.Attempts.TransitionAsync(first.Id, first.LeaseEpoch, AttemptTrigger.Reject, AttemptState.Offered, null, store.Ct);
            await unit.Steps.TransitionAsync(step.Id, StepTrigger.Reject, StepState.Offered, new StepTransitionDetails { Attempt = first.Id }, store.Ct);
        });

        var second = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));

        Assert.Equal((2, 2L), (second.Number, second.LeaseEpoch));
        Assert.Equal([1, 2], (await store.ReadAsync(unit => unit.Attempts.ListByStepAsync(step.Id, store.Ct))).Select(a => a.Number));
    }

    [Fact]
    public async Task The_current_epoch_completes_an_attempt_and_records_its_result()
    {
        await using var store = await TestStore.OpenAsync();
        var (run, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));
        var started = await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Start, AttemptState.Offered, null, store.Ct));
        store.Time.Advance(TimeSpan.FromSeconds(10));

        var failed = await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Fail, AttemptState.Running,
            new AttemptTransitionDetails { ExitCode = 3, Outcome = "exited with code 3", FailureClass = FailureClass.ExitCode }, store.Ct));

        Assert.Equal(started.OfferedAt, started.StartedAt);
        Assert.Equal((AttemptState.Failed, 3, "exited with code 3", FailureClass.ExitCode), (failed.State, failed.ExitCode, failed.Outcome, failed.FailureClass));
        Assert.Equal((store.Time.GetUtcNow(), (DateTimeOffset?)null, 1L), (failed.FinishedAt!.Value, failed.LeaseExpiresAt, failed.LeaseEpoch));
        var last = (await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 100, store.Ct)))[^1];
        Assert.Equal(("attempt", "fail", "running", "failed", runner.Id), (last.Entity, last.Kind, last.FromState, last.ToState, last.RunnerId!.Value));
    }

    [Fact]
    public async Task Stale_epoch_cannot_complete_an_attempt()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));
        await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Start, AttemptState.Offered, null, store.Ct));
        var regranted = await store.WriteAsync(unit => unit.Attempts.GrantLeaseAsync(attempt.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));

        var error = await Assert.ThrowsAsync<StaleLeaseException>(() =>
            store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Succeed, AttemptState.Running, null, store.Ct)));

        Assert.Equal((1L, regranted.Epoch), (error.PresentedEpoch, error.CurrentEpoch));
        Assert.Equal(AttemptState.Running, (await store.ReadAsync(unit => unit.Attempts.GetAsync(attempt.Id, store.Ct))).State);
    }

    [Fact]
    public async Task A_lost_lease_moves_the_epoch_on_so_the_former_holder_is_refused()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));
        await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Start, AttemptState.Offered, null, store.Ct));

        var lost = await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.LeaseLost, AttemptState.Running,
            new AttemptTransitionDetails { FailureClass = FailureClass.RunnerLost }, store.Ct));

        Assert.Equal((AttemptState.Lost, 2L), (lost.State, lost.LeaseEpoch));
        await Assert.ThrowsAsync<StaleLeaseException>(() =>
            store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Succeed, AttemptState.Running, null, store.Ct)));
        await Assert.ThrowsAsync<StaleLeaseException>(() =>
            store.WriteAsync(unit => unit.Logs.AppendAsync(new AttemptClaim(attempt.RunnerId, attempt.Id, 1), new LogChunk(0, LogStream.Stdout, "late"u8.ToArray()), store.Ct)));
    }

    [Fact]
    public async Task The_right_epoch_in_the_wrong_state_is_a_conflict()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));

        var error = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Succeed, AttemptState.Running, null, store.Ct)));

        Assert.Equal(("running", "offered"), (error.Expected, error.Actual));
    }

    [Fact]
    public async Task The_process_is_recorded_only_under_the_current_epoch()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct));

        await store.WriteAsync(unit => unit.Attempts.RecordProcessAsync(attempt.Id, 1, "container:4f2a", store.Ct));
        await Assert.ThrowsAsync<StaleLeaseException>(() => store.WriteAsync(unit => unit.Attempts.RecordProcessAsync(attempt.Id, 7, "pid:1", store.Ct)));

        Assert.Equal("container:4f2a", (await store.ReadAsync(unit => unit.Attempts.GetAsync(attempt.Id, store.Ct))).ProcessRef);
    }
}
