using ControlPlane.Contracts.V1;
using ControlPlane.Core.Auth;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;
using ApiTokenRole = ControlPlane.Contracts.V1.ApiTokenRole;

namespace ControlPlane.Server.Tests.Auth;

/// <summary>Every API call carries a bearer token; the method table decides which roles may make it.</summary>
public sealed class AuthenticationTests(ITestOutputHelper output)
{
    private const string Workflow = "name: hello\nsteps:\n  - id: greet\n    run: echo hi\n";

    [Fact]
    public async Task A_call_without_a_token_with_an_unknown_token_or_another_scheme_is_unauthenticated()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var list = new ListWorkflowsRequest();

        var none = await FailureAsync(() => server.Workflows.ListWorkflowsAsync(list, cancellationToken: server.Ct).ResponseAsync);
        var unknown = await FailureAsync(() => server.Workflows.ListWorkflowsAsync(list, Bearer(ApiTokens.Issue(Core.Auth.ApiTokenRole.Admin).Secret), cancellationToken: server.Ct).ResponseAsync);
        var basic = await FailureAsync(() => server.Workflows.ListWorkflowsAsync(list, new Metadata { { "authorization", "Basic YWRtaW46YWRtaW4=" } }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated), (none.StatusCode, unknown.StatusCode, basic.StatusCode));
        Assert.Contains("authorization: Bearer", none.Detail, StringComparison.Ordinal);
        Assert.Contains("unknown, expired or revoked", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_unauthenticated_from_the_next_call()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = await ReadAdminTokenAsync(server.DataDir);
        var viewer = await CreateAsync(server.Channel, admin, ApiTokenRole.Viewer, cancellationToken: server.Ct);
        await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(viewer.Secret), cancellationToken: server.Ct);

        await new AdminService.AdminServiceClient(server.Channel).RevokeApiTokenAsync(new RevokeApiTokenRequest { Id = viewer.Token.Id }, Bearer(admin), cancellationToken: server.Ct);
        var status = await FailureAsync(() => server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(viewer.Secret), cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var issued = ApiTokens.Issue(Core.Auth.ApiTokenRole.Operator);
        await using (var unit = await server.Store.BeginAsync(server.Ct))
        {
            await unit.ApiTokens.CreateAsync(new NewApiToken("expired", Core.Auth.ApiTokenRole.Operator, issued.Hash, DateTimeOffset.UtcNow.AddMinutes(-1)), server.Ct);
            await unit.CommitAsync(server.Ct);
        }

        var status = await FailureAsync(() => server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(issued.Secret), cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_but_starting_a_run_is_permission_denied_naming_the_role_needed()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = await ReadAdminTokenAsync(server.DataDir);
        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "hello.yaml", Source = Workflow }, Bearer(admin), cancellationToken: server.Ct);
        var viewer = (await CreateAsync(server.Channel, admin, ApiTokenRole.Viewer, "dashboard", server.Ct)).Secret;

        var workflows = await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(viewer), cancellationToken: server.Ct);
        await server.Runs.ListRunsAsync(new ListRunsRequest(), Bearer(viewer), cancellationToken: server.Ct);
        var start = await FailureAsync(() => server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "hello" }, Bearer(viewer), cancellationToken: server.Ct).ResponseAsync);
        var apply = await FailureAsync(() => server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "hello.yaml", Source = Workflow }, Bearer(viewer), cancellationToken: server.Ct).ResponseAsync);

        Assert.Single(workflows.Workflows);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (start.StatusCode, apply.StatusCode));
        Assert.Contains("needs the operator role", start.Detail, StringComparison.Ordinal);
        Assert.Contains("'dashboard' has the viewer role", start.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_applies_workflows_and_starts_runs_but_cannot_create_tokens()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = await ReadAdminTokenAsync(server.DataDir);
        var operatorToken = Bearer((await CreateAsync(server.Channel, admin, ApiTokenRole.Operator, "ci", server.Ct)).Secret);
        var adminClient = new AdminService.AdminServiceClient(server.Channel);

        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "hello.yaml", Source = Workflow }, operatorToken, cancellationToken: server.Ct);
        var run = await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "hello" }, operatorToken, cancellationToken: server.Ct);
        var create = await FailureAsync(() => adminClient.CreateApiTokenAsync(new CreateApiTokenRequest { Name = "x", Role = ApiTokenRole.Admin }, operatorToken, cancellationToken: server.Ct).ResponseAsync);
        var registration = await FailureAsync(() => adminClient.CreateRegistrationTokenAsync(new CreateRegistrationTokenRequest { Name = "x" }, operatorToken, cancellationToken: server.Ct).ResponseAsync);

        Assert.True(run.Run.Id > 0);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (create.StatusCode, registration.StatusCode));
        Assert.Contains("needs the admin role", create.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_may_call_everything()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = Bearer(await ReadAdminTokenAsync(server.DataDir));
        var adminClient = new AdminService.AdminServiceClient(server.Channel);

        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "hello.yaml", Source = Workflow }, admin, cancellationToken: server.Ct);
        var run = await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "hello" }, admin, cancellationToken: server.Ct);
        await server.Runs.CancelRunAsync(new CancelRunRequest { RunId = run.Run.Id }, admin, cancellationToken: server.Ct);
        await adminClient.ListRunnersAsync(new ListRunnersRequest(), admin, cancellationToken: server.Ct);
        await adminClient.CreateRegistrationTokenAsync(new CreateRegistrationTokenRequest { Name = "rack 3" }, admin, cancellationToken: server.Ct);
        var tokens = await adminClient.ListApiTokensAsync(new ListApiTokensRequest(), admin, cancellationToken: server.Ct);

        Assert.Equal([ApiTokenRole.Admin, ApiTokenRole.Runner], tokens.Tokens.Select(t => t.Role));
    }

    [Fact]
    public async Task A_registration_token_registers_an_agent_but_calls_nothing_else()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = await ReadAdminTokenAsync(server.DataDir);
        var adminClient = new AdminService.AdminServiceClient(server.Channel);
        var registration = await adminClient.CreateRegistrationTokenAsync(new CreateRegistrationTokenRequest { Name = "rack 3" }, Bearer(admin), cancellationToken: server.Ct);
        var runners = new RunnerService.RunnerServiceClient(server.Channel);

        var registered = await runners.RegisterAsync(new RegisterRequest { RegistrationToken = registration.Secret, Name = "build-1", Capacity = 1 }, cancellationToken: server.Ct);
        var list = await FailureAsync(() => server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(registration.Secret), cancellationToken: server.Ct).ResponseAsync);
        var listRunners = await FailureAsync(() => adminClient.ListRunnersAsync(new ListRunnersRequest(), Bearer(registration.Secret), cancellationToken: server.Ct).ResponseAsync);
        await adminClient.RevokeApiTokenAsync(new RevokeApiTokenRequest { Id = registration.Token.Id }, Bearer(admin), cancellationToken: server.Ct);
        var afterRevoke = await FailureAsync(() => runners.RegisterAsync(new RegisterRequest { RegistrationToken = registration.Secret, Name = "build-2", Capacity = 1 }, cancellationToken: server.Ct).ResponseAsync);

        Assert.StartsWith(ApiTokens.RegistrationPrefix, registration.Secret, StringComparison.Ordinal);
        Assert.True(registered.RunnerId > 0);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (list.StatusCode, listRunners.StatusCode));
        Assert.Equal(StatusCode.Unauthenticated, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task An_api_token_of_another_role_is_not_a_registration_token()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var admin = await ReadAdminTokenAsync(server.DataDir);
        var runners = new RunnerService.RunnerServiceClient(server.Channel);

        var status = await FailureAsync(() => runners.RegisterAsync(new RegisterRequest { RegistrationToken = admin, Name = "build-1", Capacity = 1 }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Fact]
    public async Task Version_health_and_reflection_need_no_token()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);

        var version = await new AdminService.AdminServiceClient(server.Channel).GetVersionAsync(new GetVersionRequest(), cancellationToken: server.Ct);
        var health = await new global::Grpc.Health.V1.Health.HealthClient(server.Channel).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), cancellationToken: server.Ct);
        using var reflection = new global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: server.Ct);
        await reflection.RequestStream.WriteAsync(new global::Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(server.Ct));

        Assert.Equal("controlplane.v1", version.ApiVersion);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains(reflection.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "controlplane.v1.RunService");
    }

    [Fact]
    public async Task A_dev_server_needs_no_token_but_still_accepts_one()
    {
        await using var server = await ApiServer.StartAsync(output);
        var admin = await ReadAdminTokenAsync(server.DataDir);
        var viewer = (await CreateAsync(server.Channel, admin, ApiTokenRole.Viewer, cancellationToken: server.Ct)).Secret;

        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "hello.yaml", Source = Workflow }, cancellationToken: server.Ct);
        await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "hello" }, Bearer(viewer), cancellationToken: server.Ct);
        var withToken = await server.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(admin), cancellationToken: server.Ct);
        var tokens = await new AdminService.AdminServiceClient(server.Channel).ListApiTokensAsync(new ListApiTokensRequest(), cancellationToken: server.Ct);

        Assert.Single(withToken.Workflows);
        Assert.Equal(2, tokens.Tokens.Count);
    }
}
