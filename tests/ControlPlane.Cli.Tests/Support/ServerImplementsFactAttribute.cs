using System.Reflection;

namespace ControlPlane.Cli.Tests.Support;

/// <summary>
/// A fact that runs only once cp-server implements the named RPC (its service class overrides the generated base
/// method); until then it is skipped with a reason naming the RPC. Used for commands whose server side is built on
/// other branches (AdminService runners and tokens, RunService RetryRun and WatchRun).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerImplementsFactAttribute : FactAttribute
{
    public ServerImplementsFactAttribute(string service, string method)
    {
        if (!Implements(service, method))
        {
            Skip = $"cp-server does not implement {service}.{method} yet (it arrives with another branch)";
        }
    }

    private static bool Implements(string service, string method)
    {
        var server = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "cp-server.dll"));
        return server.GetTypes().Any(t => t.BaseType?.Name == service + "Base"
            && t.GetMethod(method, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) is not null);
    }
}
