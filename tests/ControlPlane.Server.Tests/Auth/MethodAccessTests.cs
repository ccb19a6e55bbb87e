using ControlPlane.Core.Auth;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Hosting;

namespace ControlPlane.Server.Tests.Auth;

/// <summary>The method table: every exposed method has a rule, reads are open to viewers, anything unlisted needs an admin.</summary>
public class MethodAccessTests
{
    public static TheoryData<string, string> ExpectedRules => new()
    {
        { "/controlplane.v1.AdminService/GetVersion", "anyone" },
        { "/grpc.health.v1.Health/Watch", "anyone" },
        { "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "anyone" },
        { "/controlplane.v1.RunnerService/Register", "its own credentials" },
        { "/controlplane.v1.RunnerService/Connect", "its own credentials" },
        { "/controlplane.v1.WorkflowService/ValidateWorkflow", "viewer" },
        { "/controlplane.v1.WorkflowService/ApplyWorkflow", "operator" },
        { "/controlplane.v1.RunService/WatchRun", "viewer" },
        { "/controlplane.v1.RunService/StreamLogs", "viewer" },
        { "/controlplane.v1.RunService/RetryRun", "operator" },
        { "/controlplane.v1.RunService/CancelRun", "operator" },
        { "/controlplane.v1.AdminService/ListRunners", "viewer" },
        { "/controlplane.v1.NotificationService/ListNotificationDeliveries", "viewer" },
        { "/controlplane.v1.AdminService/ListApiTokens", "admin" },
        { "/controlplane.v1.AdminService/CreateRegistrationToken", "admin" },
        { "/controlplane.v1.FutureService/Anything", "admin" },
        { "/grpc.health.v1.Health", "admin" },
    };

    [Theory]
    [MemberData(nameof(ExpectedRules))]
    public void Each_method_gets_its_rule_and_an_unlisted_one_needs_an_admin(string method, string expected)
    {
        Assert.Equal(expected, MethodAccess.For(method).Description);
    }

    [Fact]
    public void An_admin_may_call_every_exposed_method_and_a_runner_token_none_that_needs_a_role()
    {
        var methods = ServerHost.ExposedServices.SelectMany(s => s.Methods).Select(m => $"/{m.Service.FullName}/{m.Name}").ToList();

        Assert.All(methods, m => Assert.True(MethodAccess.For(m).Allows(ApiTokenRole.Admin), m));
        Assert.All(methods.Where(m => MethodAccess.For(m).Kind == AccessKind.Role), m => Assert.False(MethodAccess.For(m).Allows(ApiTokenRole.Runner), m));
    }

    [Fact]
    public void An_operator_may_call_whatever_a_viewer_may()
    {
        var methods = ServerHost.ExposedServices.SelectMany(s => s.Methods).Select(m => $"/{m.Service.FullName}/{m.Name}");

        Assert.All(methods.Where(m => MethodAccess.For(m).Allows(ApiTokenRole.Viewer)), m => Assert.True(MethodAccess.For(m).Allows(ApiTokenRole.Operator), m));
    }
}
