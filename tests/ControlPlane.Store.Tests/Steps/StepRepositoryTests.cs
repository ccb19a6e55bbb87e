using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Steps;

public class StepRepositoryTests
{
    [Fact]
    public async Task A_plan_reads_back_pending_in_plan_order_with_needs_spec_and_matrix_group()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));
        NewStep[] plan =
        [
            new("build", [], """{"run":"make"}"""),
            new("test (linux)", ["build"], """{"run":"make test","labels":["linux"]}""", "test"),
            new("test (mac)", ["build"], """{"run":"make test","labels":["mac"]}""", "test"),
        ];

        await store.WriteAsync(unit => unit.Steps.CreatePlanAsync(run.Id, plan, store.Ct));
        await store.ReopenAsync();
        var steps = await store.ReadAsync(unit => unit.Steps.ListByRunAsync(run.Id, store.Ct));

        Assert.Equal(plan.Select(p => p.Key), steps.Select(s => s.Key));
        Assert.All(steps, s => Assert.Equal((StepState.Pending, 0L, run.Id, store.Time.GetUtcNow()), (s.State, s.LeaseEpoch, s.RunId, s.CreatedAt)));
        Assert.Equal(["build"], steps[1].Needs);
        Assert.Equal(plan[1].SpecJson, steps[1].SpecJson);
        Assert.Equal([null, "test", "test"], steps.Select(s => s.MatrixGroup));
        Assert.Equal(steps[2].Id, (await store.ReadAsync(unit => unit.Steps.FindByKeyAsync(run.Id, "test (mac)", store.Ct)))!.Id);
    }

    [Fact]
    public async Task A_plan_with_a_step_key_twice_is_refused()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(unit => Seed.StepsAsync(unit, run.Id, store.Ct, "a", "a")));
    }

    [Fact]
    public async Task A_plan_for_an_unknown_run_is_not_found()
    {
        await using var store = await TestStore.OpenAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.WriteAsync(unit => Seed.StepsAsync(unit, new RunId(7), store.Ct, "a")));
    }

    [Fact]
    public async Task A_transition_records_its_details_and_an_event_naming_the_attempt()
    {
        await using var store = await TestStore.OpenAsync();
        var (run, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var attempt = await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));
        store.Time.Advance(TimeSpan.FromSeconds(2));
        var retryAt = store.Time.GetUtcNow().AddSeconds(30);

        var waiting = await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.ScheduleRetry, StepState.Offered, new StepTransitionDetails
        {
            Attempt = attempt.Id,
            NotBefore = retryAt,
            PendingReason = "retry 2 of 3",
            ExitCode = 2,
            Outcome = "failure",
            EventDataJson = """{"next_attempt":2}""",
        }, store.Ct));

        Assert.Equal((StepState.WaitingForRetry, retryAt, "retry 2 of 3", 2, "failure"), (waiting.State, waiting.NotBefore, waiting.PendingReason, waiting.ExitCode, waiting.Outcome));
        var last = (await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 100, store.Ct)))[^1];
        Assert.Equal(("step", "schedule_retry", "offered", "waiting_for_retry"), (last.Entity, last.Kind, last.FromState, last.ToState));
        Assert.Equal((run.Id, step.Id, attempt.Id, """{"next_attempt":2}"""), (last.RunId!.Value, last.StepId!.Value, last.AttemptId!.Value, last.DataJson));
    }

    [Fact]
    public async Task Waiting_for_retry_needs_a_not_before_time()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.LeaseLostRetry, StepState.Offered, null, store.Ct)));
    }

    [Fact]
    public async Task Becoming_ready_again_moves_the_step_to_the_back_of_the_queue_and_clears_not_before()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));
        await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.ScheduleRetry, StepState.Offered, new StepTransitionDetails { NotBefore = store.Time.GetUtcNow().AddSeconds(5) }, store.Ct));
        store.Time.Advance(TimeSpan.FromSeconds(5));

        var ready = await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.RetryDue, StepState.WaitingForRetry, null, store.Ct));

        Assert.Equal((store.Time.GetUtcNow(), (DateTimeOffset?)null), (ready.ReadyAt!.Value, ready.NotBefore));
    }

    [Fact]
    public async Task Reset_clears_the_previous_result_for_a_fresh_run_attempt()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        var step = (await store.WriteAsync(unit => Seed.StepsAsync(unit, run.Id, store.Ct, "lint")))[0];
        await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.Skip, StepState.Pending, new StepTransitionDetails { Outcome = "skipped", PendingReason = "if: false" }, store.Ct));

        var reset = await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.Reset, StepState.Skipped, null, store.Ct));

        Assert.Equal(
            (StepState.Pending, (string?)null, (string?)null, (DateTimeOffset?)null),
            (reset.State, reset.Outcome, reset.PendingReason, reset.FinishedAt));
    }

    [Fact]
    public async Task Resetting_a_succeeded_step_clears_its_outputs_and_exit_code_but_keeps_its_lease_epoch()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));
        await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.Start, StepState.Offered, null, store.Ct));
        var details = new StepTransitionDetails { Outcome = "succeeded", ExitCode = 0, OutputsJson = "{\"a\":\"1\"}" };
        var succeeded = await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.Succeed, StepState.Running, details, store.Ct));

        var reset = await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.Reset, StepState.Succeeded, null, store.Ct));

        Assert.Equal(
            (StepState.Pending, (string?)null, (int?)null, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null, succeeded.LeaseEpoch),
            (reset.State, reset.OutputsJson, reset.ExitCode, reset.Outcome, reset.StartedAt, reset.ReadyAt, reset.LeaseEpoch));
    }

    [Fact]
    public async Task A_stale_expected_state_is_a_conflict()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, _) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));

        var error = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.DependenciesMet, StepState.Pending, null, store.Ct)));

        Assert.Equal(("pending", "ready"), (error.Expected, error.Actual));
    }

    [Fact]
    public async Task A_transition_whose_event_cannot_be_written_leaves_the_state_unchanged()
    {
        await using var store = await TestStore.OpenAsync();
        var (run, step, _) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var eventsBefore = await store.ReadAsync(unit => unit.Events.LatestSequenceAsync(store.Ct));

        await using (var unit = await store.Store.BeginAsync(store.Ct))
        {
            // The event names an attempt that does not exist: its foreign key fails after the step row was updated.
            var bogus = new StepTransitionDetails { Attempt = new Core.Attempts.AttemptId(999) };
            var error = await Assert.ThrowsAsync<StoreFailureException>(() =>
                unit.Steps.TransitionAsync(step.Id, StepTrigger.Cancel, StepState.Ready, bogus, store.Ct));
            Assert.Contains("FOREIGN KEY", error.Message, StringComparison.Ordinal);

            Assert.Equal(StepState.Ready, (await unit.Steps.GetAsync(step.Id, store.Ct)).State);
            await unit.Runs.TransitionAsync(run.Id, RunTrigger.RequestCancel, RunState.Running, null, store.Ct);
            await unit.CommitAsync(store.Ct);
        }

        Assert.Equal(StepState.Ready, (await store.ReadAsync(unit => unit.Steps.GetAsync(step.Id, store.Ct))).State);
        var written = await store.ReadAsync(unit => unit.Events.ReadAfterAsync(eventsBefore, 10, store.Ct));
        Assert.Equal(["request_cancel"], written.Select(e => e.Kind));
    }
}
