using System.Text;

namespace ControlPlane.Docker.Tests.Support;

/// <summary>What a container did: its exit code and its output, byte for byte.</summary>
public sealed record ContainerRun(string ContainerId, int ExitCode, byte[] Stdout, byte[] Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public string StderrText => Encoding.UTF8.GetString(Stderr);
}
