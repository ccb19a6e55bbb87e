using ControlPlane.Contracts.V1;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Api;
using ControlPlane.Server.Tests.Auth.Support;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;
using ApiTokenRole = ControlPlane.Contracts.V1.ApiTokenRole;

namespace ControlPlane.Server.Tests.Auth;

/// <summary>
/// Failed authentication is throttled per client address: after <see cref="ThrottleServer.FailureLimit"/> failures in a
/// window, every authenticated attempt from the address (a valid credential included) is refused with
/// RESOURCE_EXHAUSTED / HTTP 429 until the window ends. Successful attempts are not counted.
/// </summary>
public sealed class FailedAuthThrottlingTests(ITestOutputHelper output)
{
    private const string BadApiToken = "cpa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public async Task Wrong_api_tokens_are_throttled_then_even_the_admin_token_until_the_window_ends()
    {
        await using var server = await ThrottleServer.StartAsync(output);
        var workflows = new WorkflowService.WorkflowServiceClient(server.Channel);
        Task List(string token) => workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(token), cancellationToken: server.Ct).ResponseAsync;

        var failures = new List<StatusCode>();
        for (var i = 0; i < ThrottleServer.FailureLimit; i++)
        {
            failures.Add((await FailureAsync(() => List(BadApiToken + i))).StatusCode);
        }

        var hammered = await Assert.ThrowsAsync<RpcException>(() => List(BadApiToken));
        var good = await FailureAsync(() => List(server.Admin));
        var spoofed = await FailureAsync(() => workflows.ListWorkflowsAsync(
            new ListWorkflowsRequest(), new Metadata { { "authorization", "Bearer " + server.Admin }, { "x-forwarded-for", "198.51.100.23" } }, cancellationToken: server.Ct).ResponseAsync);
        server.Clock.Advance(TimeSpan.FromSeconds(45));
        await List(server.Admin);
        var counted = await FailureAsync(() => List(BadApiToken));

        Assert.All(failures, code => Assert.Equal(StatusCode.Unauthenticated, code));
        Assert.Equal(StatusCode.ResourceExhausted, hammered.StatusCode);
        Assert.Equal("Too many failed authentication attempts from this address; try again in 45 s.", hammered.Status.Detail);
        var retry = Google.Rpc.Status.Parser.ParseFrom(hammered.Trailers.GetValueBytes(ApiErrors.StatusDetailsTrailer)).Details.Single().Unpack<RetryInfo>();
        Assert.Equal(TimeSpan.FromSeconds(45), retry.RetryDelay.ToTimeSpan());
        Assert.Equal((StatusCode.ResourceExhausted, StatusCode.ResourceExhausted), (good.StatusCode, spoofed.StatusCode));
        Assert.Equal(StatusCode.Unauthenticated, counted.StatusCode);
    }

    [Fact]
    public async Task Wrong_registration_tokens_are_throttled_and_then_the_right_one_is_refused_too()
    {
        await using var server = await ThrottleServer.StartAsync(output);
        var runners = new RunnerService.RunnerServiceClient(server.Channel);
        Task Register(string token, string name) =>
            runners.RegisterAsync(new RegisterRequest { RegistrationToken = token, Name = name, Capacity = 1 }, cancellationToken: server.Ct).ResponseAsync;

        var failures = new List<StatusCode>();
        for (var i = 0; i < ThrottleServer.FailureLimit; i++)
        {
            failures.Add((await FailureAsync(() => Register(ThrottleServer.RegistrationToken + "x" + i, "guess"))).StatusCode);
        }

        var hammered = await FailureAsync(() => Register("guess", "guess"));
        var right = await FailureAsync(() => Register(ThrottleServer.RegistrationToken, "late"));
        server.Clock.Advance(ThrottleServer.Window);
        var registered = await runners.RegisterAsync(new RegisterRequest { RegistrationToken = ThrottleServer.RegistrationToken, Name = "later", Capacity = 1 }, cancellationToken: server.Ct);

        Assert.All(failures, code => Assert.Equal(StatusCode.Unauthenticated, code));
        Assert.Equal((StatusCode.ResourceExhausted, StatusCode.ResourceExhausted), (hammered.StatusCode, right.StatusCode));
        Assert.True(registered.RunnerId > 0);
    }

    [Fact]
    public async Task Wrong_runner_tokens_on_connect_are_throttled_and_then_the_right_one_is_refused_too()
    {
        await using var server = await ThrottleServer.StartAsync(output);
        var runners = new RunnerService.RunnerServiceClient(server.Channel);

        var failures = new List<StatusCode?>();
        for (var i = 0; i < ThrottleServer.FailureLimit; i++)
        {
            failures.Add(await ConnectStatusAsync(runners, RunnerTokens.Issue().Token, server.Ct));
        }

        var hammered = await ConnectStatusAsync(runners, RunnerTokens.Issue().Token, server.Ct);
        var right = await ConnectStatusAsync(runners, server.RunnerToken, server.Ct);
        server.Clock.Advance(ThrottleServer.Window);
        var afterWindow = await ConnectStatusAsync(runners, RunnerTokens.Issue().Token, server.Ct);

        Assert.All(failures, code => Assert.Equal(StatusCode.Unauthenticated, code));
        Assert.Equal((StatusCode.ResourceExhausted, StatusCode.ResourceExhausted), (hammered, right));
        Assert.Equal(StatusCode.Unauthenticated, afterWindow);
    }

    [Fact]
    public async Task Bad_webhook_signatures_are_throttled_with_429_and_retry_after_then_a_good_one_is_refused_too()
    {
        await using var server = await ThrottleServer.StartAsync(output);

        var failures = new List<int>();
        for (var i = 0; i < ThrottleServer.FailureLimit; i++)
        {
            failures.Add((await server.PostHookAsync("wrong-secret")).Status);
        }

        var hammered = await server.PostHookAsync("wrong-secret");
        var good = await server.PostHookAsync(ThrottleServer.HookSecret);
        var spoofed = await server.PostHookAsync(ThrottleServer.HookSecret, forwardedFor: "198.51.100.23");
        server.Clock.Advance(ThrottleServer.Window);
        var afterWindow = await server.PostHookAsync(ThrottleServer.HookSecret);

        Assert.All(failures, status => Assert.Equal(401, status));
        Assert.Equal((429, "45"), (hammered.Status, hammered.RetryAfter));
        Assert.Contains("Too many failed authentication attempts from this address", hammered.Body, StringComparison.Ordinal);
        Assert.Equal((429, "45"), (good.Status, good.RetryAfter));
        Assert.Equal(429, spoofed.Status);
        Assert.Equal(201, afterWindow.Status);
    }

    [Fact]
    public async Task Failures_of_every_credential_kind_count_together_for_one_address()
    {
        await using var server = await ThrottleServer.StartAsync(output);
        var runners = new RunnerService.RunnerServiceClient(server.Channel);
        var workflows = new WorkflowService.WorkflowServiceClient(server.Channel);

        await FailureAsync(() => workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(BadApiToken), cancellationToken: server.Ct).ResponseAsync);
        await FailureAsync(() => runners.RegisterAsync(new RegisterRequest { RegistrationToken = "nope", Name = "x", Capacity = 1 }, cancellationToken: server.Ct).ResponseAsync);
        await server.PostHookAsync("wrong-secret");
        var next = await FailureAsync(() => workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(server.Admin), cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, next.StatusCode);
    }

    [Fact]
    public async Task Successful_calls_and_role_refusals_are_not_counted()
    {
        await using var server = await ThrottleServer.StartAsync(output);
        var workflows = new WorkflowService.WorkflowServiceClient(server.Channel);
        var viewer = (await CreateAsync(server.Channel, server.Admin, ApiTokenRole.Viewer, "dash", server.Ct)).Secret;
        var admin = new AdminService.AdminServiceClient(server.Channel);

        for (var i = 0; i < 3 * ThrottleServer.FailureLimit; i++)
        {
            await workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(viewer), cancellationToken: server.Ct);
            var denied = await FailureAsync(() => admin.ListApiTokensAsync(new ListApiTokensRequest(), Bearer(viewer), cancellationToken: server.Ct).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }

        var lastAllowed = new List<StatusCode>();
        for (var i = 0; i < ThrottleServer.FailureLimit; i++)
        {
            lastAllowed.Add((await FailureAsync(() => workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(BadApiToken), cancellationToken: server.Ct).ResponseAsync)).StatusCode);
        }

        Assert.All(lastAllowed, code => Assert.Equal(StatusCode.Unauthenticated, code));
    }

    [Fact]
    public async Task Calls_that_need_no_credentials_still_answer_while_an_address_is_throttled()
    {
        await using var server = await ThrottleServer.StartAsync(output);
        var workflows = new WorkflowService.WorkflowServiceClient(server.Channel);
        for (var i = 0; i <= ThrottleServer.FailureLimit; i++)
        {
            await FailureAsync(() => workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), cancellationToken: server.Ct).ResponseAsync);
        }

        var version = await new AdminService.AdminServiceClient(server.Channel).GetVersionAsync(new GetVersionRequest(), cancellationToken: server.Ct);

        Assert.False(string.IsNullOrEmpty(version.Version));
    }

    private static async Task<StatusCode?> ConnectStatusAsync(RunnerService.RunnerServiceClient runners, string token, CancellationToken cancellationToken)
    {
        using var call = runners.Connect(Bearer(token), cancellationToken: cancellationToken);
        try
        {
            await call.ResponseStream.MoveNext(cancellationToken);
            return null;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
