using System.Collections.Frozen;

namespace ControlPlane.Server.Auth;

/// <summary>
/// The one table of who may call what. An entry is a full method name (<c>package.Service/Method</c>) or a whole
/// service (<c>package.Service/*</c>); the method entry wins. A method in neither needs an admin, so a service added
/// later is closed until it is listed here.
/// </summary>
public static class MethodAccess
{
    private const string Admin = "controlplane.v1.AdminService/";
    private const string Workflows = "controlplane.v1.WorkflowService/";
    private const string Runs = "controlplane.v1.RunService/";
    private const string Runners = "controlplane.v1.RunnerService/";
    private const string Notifications = "controlplane.v1.NotificationService/";

    private static readonly FrozenDictionary<string, AccessRule> Table = new Dictionary<string, AccessRule>(StringComparer.Ordinal)
    {
        // Probes and tooling need no credentials: version checks, health checks, reflection.
        [Admin + "GetVersion"] = AccessRule.Anyone,
        ["grpc.health.v1.Health/*"] = AccessRule.Anyone,
        ["grpc.reflection.v1.ServerReflection/*"] = AccessRule.Anyone,
        ["grpc.reflection.v1alpha.ServerReflection/*"] = AccessRule.Anyone,

        // Register carries a registration token (static, or an API token with the runner role) in its request;
        // Connect carries the runner's own token. Both are checked by the runner protocol.
        [Runners + "Register"] = AccessRule.OwnCredentials,
        [Runners + "Connect"] = AccessRule.OwnCredentials,

        [Workflows + "*"] = AccessRule.Operator,
        [Workflows + "GetWorkflow"] = AccessRule.Viewer,
        [Workflows + "ListWorkflows"] = AccessRule.Viewer,
        [Workflows + "ValidateWorkflow"] = AccessRule.Viewer,

        [Runs + "*"] = AccessRule.Operator,
        [Runs + "GetRun"] = AccessRule.Viewer,
        [Runs + "ListRuns"] = AccessRule.Viewer,
        [Runs + "StreamLogs"] = AccessRule.Viewer,
        [Runs + "WatchRun"] = AccessRule.Viewer,
        ["controlplane.v1.StatsService/*"] = AccessRule.Viewer,

        // The runner list is a read anyone who may read runs may see; tokens and changes to runners are admin only.
        [Admin + "*"] = AccessRule.Admin,
        [Admin + "ListRunners"] = AccessRule.Viewer,

        // Deliveries show endpoints (never URLs kept in the environment) and bodies anyone who may read runs may see.
        [Notifications + "*"] = AccessRule.Operator,
        [Notifications + "ListNotificationDeliveries"] = AccessRule.Viewer,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <param name="method">As in <c>ServerCallContext.Method</c>, e.g. <c>/controlplane.v1.RunService/StartRun</c>.</param>
    public static AccessRule For(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = method.TrimStart('/');
        if (Table.TryGetValue(name, out var rule))
        {
            return rule;
        }

        var slash = name.LastIndexOf('/');
        return slash > 0 && Table.TryGetValue(name[..(slash + 1)] + "*", out var serviceRule) ? serviceRule : AccessRule.Admin;
    }
}
