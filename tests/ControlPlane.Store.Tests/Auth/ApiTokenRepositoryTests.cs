using System.Text;
using ControlPlane.Core.Auth;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Auth;

public class ApiTokenRepositoryTests
{
    [Fact]
    public async Task A_created_token_is_found_by_its_hash_after_a_restart_and_its_secret_is_never_stored()
    {
        await using var store = await TestStore.OpenAsync();
        var issued = ApiTokens.Issue(ApiTokenRole.Operator);
        var expiresAt = store.Time.GetUtcNow().AddHours(1);
        var created = await store.WriteAsync(unit => unit.ApiTokens.CreateAsync(new NewApiToken("ci-bot", ApiTokenRole.Operator, issued.Hash, expiresAt), store.Ct));

        await store.Store.DisposeAsync();
        var files = Directory.GetFiles(Path.GetDirectoryName(store.Path)!).Select(File.ReadAllBytes).Select(Encoding.Latin1.GetString).ToList();
        await store.ReopenAsync();
        var found = await store.ReadAsync(unit => unit.ApiTokens.FindByHashAsync(ApiTokens.Hash(issued.Secret), store.Ct));

        Assert.Equal(new ApiTokenRecord(created.Id, "ci-bot", ApiTokenRole.Operator, store.Time.GetUtcNow(), expiresAt, null), found);
        Assert.DoesNotContain(files, content => content.Contains(issued.Secret, StringComparison.Ordinal));
        Assert.Null(await store.ReadAsync(unit => unit.ApiTokens.FindByHashAsync(ApiTokens.Issue(ApiTokenRole.Operator).Hash, store.Ct)));
    }

    [Fact]
    public async Task Revoking_stamps_the_first_revocation_time_and_keeps_the_token_listed()
    {
        await using var store = await TestStore.OpenAsync();
        var token = await store.WriteAsync(unit => unit.ApiTokens.CreateAsync(new NewApiToken("t", ApiTokenRole.Viewer, ApiTokens.Issue(ApiTokenRole.Viewer).Hash, null), store.Ct));
        var revokedAt = store.Time.GetUtcNow().AddMinutes(5);
        store.Time.Advance(TimeSpan.FromMinutes(5));

        var revoked = await store.WriteAsync(unit => unit.ApiTokens.RevokeAsync(token.Id, store.Ct));
        store.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await store.WriteAsync(unit => unit.ApiTokens.RevokeAsync(token.Id, store.Ct));

        Assert.Equal(revokedAt, revoked.RevokedAt);
        Assert.Equal(revokedAt, again.RevokedAt);
        Assert.False(again.IsUsableAt(store.Time.GetUtcNow()));
        Assert.Equal([token.Id], (await store.ReadAsync(unit => unit.ApiTokens.ListAsync(store.Ct))).Select(t => t.Id));
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_not_found()
    {
        await using var store = await TestStore.OpenAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.WriteAsync(unit => unit.ApiTokens.RevokeAsync(new ApiTokenId(42), store.Ct)));
    }

    [Fact]
    public async Task Only_an_unrevoked_unexpired_token_of_the_role_counts_as_usable()
    {
        await using var store = await TestStore.OpenAsync();
        var now = store.Time.GetUtcNow();
        Assert.False(await store.ReadAsync(unit => unit.ApiTokens.AnyUsableAsync(ApiTokenRole.Admin, now, store.Ct)));

        await store.WriteAsync(unit => unit.ApiTokens.CreateAsync(new NewApiToken("viewer", ApiTokenRole.Viewer, ApiTokens.Issue(ApiTokenRole.Viewer).Hash, null), store.Ct));
        await store.WriteAsync(unit => unit.ApiTokens.CreateAsync(new NewApiToken("expired", ApiTokenRole.Admin, ApiTokens.Issue(ApiTokenRole.Admin).Hash, now), store.Ct));
        var revoked = await store.WriteAsync(unit => unit.ApiTokens.CreateAsync(new NewApiToken("revoked", ApiTokenRole.Admin, ApiTokens.Issue(ApiTokenRole.Admin).Hash, null), store.Ct));
        await store.WriteAsync(unit => unit.ApiTokens.RevokeAsync(revoked.Id, store.Ct));
        Assert.False(await store.ReadAsync(unit => unit.ApiTokens.AnyUsableAsync(ApiTokenRole.Admin, now, store.Ct)));

        await store.WriteAsync(unit => unit.ApiTokens.CreateAsync(new NewApiToken("admin", ApiTokenRole.Admin, ApiTokens.Issue(ApiTokenRole.Admin).Hash, now.AddDays(1)), store.Ct));
        Assert.True(await store.ReadAsync(unit => unit.ApiTokens.AnyUsableAsync(ApiTokenRole.Admin, now, store.Ct)));
    }

    [Fact]
    public void Tokens_carry_a_prefix_per_kind_and_are_never_repeated()
    {
        var api = ApiTokens.Issue(ApiTokenRole.Admin).Secret;
        var registration = ApiTokens.Issue(ApiTokenRole.Runner).Secret;

        Assert.StartsWith(ApiTokens.ApiPrefix, api, StringComparison.Ordinal);
        Assert.StartsWith(ApiTokens.RegistrationPrefix, registration, StringComparison.Ordinal);
        Assert.Equal(ApiTokens.ApiPrefix.Length + 43, api.Length);
        Assert.NotEqual(api, ApiTokens.Issue(ApiTokenRole.Admin).Secret);
    }
}
