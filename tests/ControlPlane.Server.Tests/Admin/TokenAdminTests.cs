using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;

namespace ControlPlane.Server.Tests.Admin;

/// <summary>CreateApiToken, ListApiTokens and RevokeApiToken: a token's life from creation to revocation.</summary>
public sealed class TokenAdminTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_token_is_created_listed_without_its_secret_and_revoked_for_good()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = Bearer(await ReadAdminTokenAsync(server.DataDir));
        var client = new AdminService.AdminServiceClient(server.Channel);

        var created = await client.CreateApiTokenAsync(new CreateApiTokenRequest { Name = "ci-bot", Role = ApiTokenRole.Operator, Ttl = Duration.FromTimeSpan(TimeSpan.FromDays(30)) }, admin, cancellationToken: server.Ct);
        var listed = (await client.ListApiTokensAsync(new ListApiTokensRequest(), admin, cancellationToken: server.Ct)).Tokens.Single(t => t.Id == created.Token.Id);
        var revoked = await client.RevokeApiTokenAsync(new RevokeApiTokenRequest { Id = created.Token.Id }, admin, cancellationToken: server.Ct);
        var afterRevoke = (await client.ListApiTokensAsync(new ListApiTokensRequest(), admin, cancellationToken: server.Ct)).Tokens.Single(t => t.Id == created.Token.Id);

        Assert.StartsWith(Core.Auth.ApiTokens.ApiPrefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal(("ci-bot", ApiTokenRole.Operator, null), (listed.Name, listed.Role, listed.RevokedAt));
        Assert.InRange(listed.ExpiresAt.ToDateTimeOffset() - listed.CreatedAt.ToDateTimeOffset(), TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(created.Secret, listed.ToString(), StringComparison.Ordinal);
        Assert.NotNull(revoked.Token.RevokedAt);
        Assert.Equal(revoked.Token.RevokedAt, afterRevoke.RevokedAt);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_not_found()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = Bearer(await ReadAdminTokenAsync(server.DataDir));

        var status = await FailureAsync(() => new AdminService.AdminServiceClient(server.Channel).RevokeApiTokenAsync(new RevokeApiTokenRequest { Id = 999 }, admin, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, status.StatusCode);
    }

    [Theory]
    [InlineData("", ApiTokenRole.Viewer, 0, "name:")]
    [InlineData("x", ApiTokenRole.Unspecified, 0, "role:")]
    [InlineData("x", ApiTokenRole.Viewer, -5, "ttl:")]
    public async Task A_token_without_a_name_a_role_or_with_a_negative_ttl_is_an_invalid_argument(string name, ApiTokenRole role, int ttlSeconds, string field)
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = Bearer(await ReadAdminTokenAsync(server.DataDir));
        var request = new CreateApiTokenRequest { Name = name, Role = role, Ttl = ttlSeconds == 0 ? null : Duration.FromTimeSpan(TimeSpan.FromSeconds(ttlSeconds)) };

        var status = await FailureAsync(() => new AdminService.AdminServiceClient(server.Channel).CreateApiTokenAsync(request, admin, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith(field, status.Detail, StringComparison.Ordinal);
    }
}
