using ControlPlane.Core.Runs;
using ControlPlane.Core.Triggers;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Triggers;

public class ScheduleRepositoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Saved_schedules_list_by_workflow_and_a_save_replaces_the_same_index()
    {
        await using var store = await TestStore.OpenAsync();
        var workflow = await WorkflowAsync(store, "nightly");
        await store.WriteAsync(async unit =>
        {
            await unit.Schedules.SaveAsync(new ScheduleRecord(workflow, 0, "0 3 * * *", "UTC", Noon, null), store.Ct);
            await unit.Schedules.SaveAsync(new ScheduleRecord(workflow, 1, "@hourly", "Europe/Berlin", Noon.AddHours(1), null), store.Ct);
            await unit.Schedules.SaveAsync(new ScheduleRecord(workflow, 0, "0 4 * * *", "UTC", Noon.AddHours(2), Noon), store.Ct);
        });

        var listed = await store.ReadAsync(unit => unit.Schedules.ListByWorkflowAsync(workflow, store.Ct));

        Assert.Equal(
            [new ScheduleRecord(workflow, 0, "0 4 * * *", "UTC", Noon.AddHours(2), Noon), new ScheduleRecord(workflow, 1, "@hourly", "Europe/Berlin", Noon.AddHours(1), null)],
            listed);
    }

    [Fact]
    public async Task Removing_from_an_index_drops_that_index_and_the_ones_after()
    {
        await using var store = await TestStore.OpenAsync();
        var workflow = await WorkflowAsync(store, "nightly");
        var other = await WorkflowAsync(store, "other");
        await store.WriteAsync(async unit =>
        {
            for (var i = 0; i < 3; i++)
            {
                await unit.Schedules.SaveAsync(new ScheduleRecord(workflow, i, "@daily", "UTC", Noon, null), store.Ct);
            }

            await unit.Schedules.SaveAsync(new ScheduleRecord(other, 2, "@daily", "UTC", Noon, null), store.Ct);
            await unit.Schedules.RemoveFromAsync(workflow, 1, store.Ct);
        });

        var all = await store.ReadAsync(unit => unit.Schedules.ListAsync(store.Ct));

        Assert.Equal([(workflow, 0), (other, 2)], all.Select(s => (s.WorkflowId, s.Index)));
    }

    [Fact]
    public async Task Advance_happens_once_for_the_expected_fire_time()
    {
        await using var store = await TestStore.OpenAsync();
        var workflow = await WorkflowAsync(store, "nightly");
        await store.WriteAsync(unit => unit.Schedules.SaveAsync(new ScheduleRecord(workflow, 0, "0 * * * *", "UTC", Noon, null), store.Ct));

        var first = await store.WriteAsync(unit => unit.Schedules.AdvanceAsync(workflow, 0, Noon, Noon, Noon.AddHours(1), store.Ct));
        var second = await store.WriteAsync(unit => unit.Schedules.AdvanceAsync(workflow, 0, Noon, Noon, Noon.AddHours(1), store.Ct));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(
            new ScheduleRecord(workflow, 0, "0 * * * *", "UTC", Noon.AddHours(1), Noon),
            (await store.ReadAsync(unit => unit.Schedules.ListByWorkflowAsync(workflow, store.Ct)))[0]);
    }

    [Fact]
    public async Task A_run_keeps_its_origin_and_event_and_manual_is_the_default()
    {
        await using var store = await TestStore.OpenAsync();
        var (manual, hooked) = await store.WriteAsync(async unit =>
        {
            var revision = await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("hooked", "hooked.yaml", "name: hooked\n", "sha256:h"), store.Ct);
            var plain = await unit.Runs.CreateAsync(new NewRun(revision.WorkflowId, revision.Id), store.Ct);
            var fromHook = await unit.Runs.CreateAsync(new NewRun(revision.WorkflowId, revision.Id) { Origin = RunOrigin.Webhook, EventJson = """{"ref":"main"}""" }, store.Ct);
            return (plain, fromHook);
        });

        await store.ReopenAsync();
        var reread = await store.ReadAsync(unit => unit.Runs.GetAsync(hooked.Id, store.Ct));

        Assert.Equal((RunOrigin.Manual, (string?)null), (manual.Origin, manual.EventJson));
        Assert.Equal((RunOrigin.Webhook, """{"ref":"main"}"""), (reread.Origin, reread.EventJson));
    }

    private static Task<WorkflowId> WorkflowAsync(TestStore store, string name) => store.WriteAsync(async unit =>
        (await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision(name, $"{name}.yaml", $"name: {name}\n", $"sha256:{name}"), store.Ct)).WorkflowId);
}
