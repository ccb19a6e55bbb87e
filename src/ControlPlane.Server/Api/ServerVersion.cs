using System.Reflection;
using System.Runtime.InteropServices;

namespace ControlPlane.Server.Api;

/// <summary>What build of the server is running, read once from the assembly.</summary>
public sealed class ServerVersion
{
    public const string ApiVersion = "controlplane.v1";

    public ServerVersion(TimeProvider timeProvider)
    {
        var informational = typeof(ServerVersion).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        Version = plus < 0 ? informational : informational[..plus];
        Commit = plus < 0 ? "" : informational[(plus + 1)..];
        Runtime = RuntimeInformation.FrameworkDescription;
        StartedAt = timeProvider.GetUtcNow();
    }

    public string Version { get; }

    public string Commit { get; }

    public string Runtime { get; }

    public DateTimeOffset StartedAt { get; }
}
