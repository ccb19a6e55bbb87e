using System.Security.Cryptography;
using System.Text;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Triggers;

public class SignedDeliveryRepositoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = SHA256.HashData(Encoding.UTF8.GetBytes("{\"ref\": \"main\"}"));

    [Fact]
    public async Task A_saved_body_is_found_for_its_workflow_within_the_window_only()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(unit => unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", Body, new RunId(7), Noon), store.Ct));

        var inWindow = await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", Body, Noon.AddHours(-24), store.Ct));
        var atTheEdge = await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", Body, Noon, store.Ct));
        var afterIt = await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", Body, Noon.AddMilliseconds(1), store.Ct));
        var otherWorkflow = await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("release", Body, Noon.AddHours(-24), store.Ct));
        var otherBody = await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", new byte[32], Noon.AddHours(-24), store.Ct));

        Assert.Equal(new RunId(7), inWindow!.RunId);
        Assert.Equal(Noon, inWindow.ReceivedAt);
        Assert.Equal(Body, inWindow.BodySha256);
        Assert.NotNull(atTheEdge);
        Assert.Equal((null, null, null), (afterIt, otherWorkflow, otherBody));
    }

    [Fact]
    public async Task Saving_the_same_body_again_replaces_the_old_record_and_a_filtered_body_has_no_run()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(unit => unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", Body, new RunId(7), Noon), store.Ct));
        await store.WriteAsync(unit => unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", Body, null, Noon.AddDays(2)), store.Ct));

        var found = await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", Body, Noon, store.Ct));

        Assert.Equal((null, Noon.AddDays(2)), (found!.RunId, found.ReceivedAt));
    }

    [Fact]
    public async Task Old_records_are_deleted_and_newer_ones_stay()
    {
        await using var store = await TestStore.OpenAsync();
        var newer = SHA256.HashData("newer"u8);
        await store.WriteAsync(async unit =>
        {
            await unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", Body, new RunId(1), Noon), store.Ct);
            await unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", newer, new RunId(2), Noon.AddHours(1)), store.Ct);
        });

        var deleted = await store.WriteAsync(unit => unit.SignedDeliveries.DeleteReceivedBeforeAsync(Noon.AddMinutes(30), store.Ct));
        var again = await store.WriteAsync(unit => unit.SignedDeliveries.DeleteReceivedBeforeAsync(Noon.AddMinutes(30), store.Ct));

        Assert.Equal((1, 0), (deleted, again));
        Assert.Null(await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", Body, Noon.AddDays(-1), store.Ct)));
        Assert.NotNull(await store.ReadAsync(unit => unit.SignedDeliveries.FindAsync("deploy", newer, Noon.AddDays(-1), store.Ct)));
    }

    [Fact]
    public async Task A_read_unit_of_work_cannot_save_or_delete()
    {
        await using var store = await TestStore.OpenAsync();

        await Assert.ThrowsAsync<ReadOnlyUnitOfWorkException>(() => store.ReadAsync(async unit =>
        {
            await unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", Body, null, Noon), store.Ct);
            return true;
        }));
        await Assert.ThrowsAsync<ReadOnlyUnitOfWorkException>(() => store.ReadAsync(unit => unit.SignedDeliveries.DeleteReceivedBeforeAsync(Noon, store.Ct)));
    }

    [Fact]
    public async Task A_digest_that_is_not_32_bytes_is_refused_by_the_schema()
    {
        await using var store = await TestStore.OpenAsync();

        await Assert.ThrowsAsync<StoreFailureException>(() => store.WriteAsync(unit => unit.SignedDeliveries.SaveAsync(new SignedDeliveryRecord("deploy", [1, 2, 3], null, Noon), store.Ct)));
    }
}
