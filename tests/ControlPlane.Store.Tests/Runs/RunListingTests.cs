using ControlPlane.Core.Runs;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Runs;

public class RunListingTests
{
    [Fact]
    public async Task Runs_are_listed_newest_first_and_pages_continue_after_the_cursor()
    {
        await using var store = await TestStore.OpenAsync();
        var runs = new List<RunRecord>();
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct)));
        }

        var first = await store.ReadAsync(unit => unit.Runs.ListAsync(new RunListQuery(2), store.Ct));
        var second = await store.ReadAsync(unit => unit.Runs.ListAsync(new RunListQuery(2, BeforeId: first[^1].Id), store.Ct));
        var last = await store.ReadAsync(unit => unit.Runs.ListAsync(new RunListQuery(2, BeforeId: second[^1].Id), store.Ct));

        Assert.Equal([runs[4].Id, runs[3].Id], first.Select(r => r.Id));
        Assert.Equal([runs[2].Id, runs[1].Id], second.Select(r => r.Id));
        Assert.Equal([runs[0].Id], last.Select(r => r.Id));
    }

    [Fact]
    public async Task Filters_by_workflow_state_and_creation_time_combine()
    {
        await using var store = await TestStore.OpenAsync();
        var early = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "deploy"));
        store.Time.Advance(TimeSpan.FromMinutes(10));
        var middle = store.Time.GetUtcNow();
        var queued = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, workflow: "deploy"));
        var running = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "deploy"));
        var other = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "build"));

        var list = (RunListQuery query) => store.ReadAsync(unit => unit.Runs.ListAsync(query, store.Ct));
        var deploy = (await list(new RunListQuery(10, States: [RunState.Running]))).First(r => r.Id == running.Id).WorkflowId;

        Assert.Equal([running.Id, early.Id], (await list(new RunListQuery(10, deploy, [RunState.Running]))).Select(r => r.Id));
        Assert.Equal([running.Id, queued.Id], (await list(new RunListQuery(10, deploy, CreatedAtOrAfter: middle))).Select(r => r.Id));
        Assert.Equal([early.Id], (await list(new RunListQuery(10, CreatedBefore: middle))).Select(r => r.Id));
        Assert.Equal([other.Id, running.Id, queued.Id], (await list(new RunListQuery(10, States: [RunState.Running, RunState.Queued], CreatedAtOrAfter: middle))).Select(r => r.Id));
    }
}
