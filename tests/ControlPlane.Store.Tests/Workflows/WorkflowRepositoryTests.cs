using ControlPlane.Core.Workflows;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Workflows;

public class WorkflowRepositoryTests
{
    private static readonly NewWorkflowRevision Build = new("build", ".controlplane/build.yaml", "name: build\njobs: {}\n", "sha256:build-1");

    [Fact]
    public async Task A_saved_revision_reads_back_with_its_workflow()
    {
        await using var store = await TestStore.OpenAsync();

        var revision = await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build, store.Ct));
        await store.ReopenAsync();

        var workflow = await store.ReadAsync(unit => unit.Workflows.FindByNameAsync("build", store.Ct));
        Assert.Equal(new WorkflowRecord(revision.WorkflowId, "build", store.Time.GetUtcNow()), workflow);
        Assert.Equal(
            new WorkflowRevisionRecord(revision.Id, revision.WorkflowId, Build.ContentHash, Build.FileName, Build.Source, store.Time.GetUtcNow()),
            await store.ReadAsync(unit => unit.Workflows.FindRevisionAsync(revision.Id, store.Ct)));
        Assert.StartsWith("sha256:", revision.ContentHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_the_same_source_again_returns_the_existing_revision()
    {
        await using var store = await TestStore.OpenAsync();
        var first = await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build, store.Ct));
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build, store.Ct));

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task A_changed_source_is_a_new_revision_and_the_latest()
    {
        await using var store = await TestStore.OpenAsync();
        var first = await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build, store.Ct));

        var second = await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build with { Source = "name: build\njobs: {a: {}}\n", ContentHash = "sha256:build-2" }, store.Ct));

        Assert.Equal(first.WorkflowId, second.WorkflowId);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second, await store.ReadAsync(unit => unit.Workflows.FindLatestRevisionAsync(first.WorkflowId, store.Ct)));
    }

    [Fact]
    public async Task The_same_source_under_two_names_is_two_workflows()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build, store.Ct));
        await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(Build with { WorkflowName = "alpha" }, store.Ct));

        var names = await store.ReadAsync(unit => unit.Workflows.ListAsync(store.Ct));

        Assert.Equal(["alpha", "build"], names.Select(w => w.Name));
    }
}
