using System.Text;
using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Docker.Tests.Containers;

public sealed class ContainerSpecTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Environment_working_directory_and_user_are_applied()
    {
        var spec = docker.Spec("echo \"$GREETING|$EMPTY|$PATH\"; pwd; id -u; id -g; whoami") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world = yes", ["EMPTY"] = "", ["PATH"] = "/bin" },
            WorkingDirectory = "/tmp",
            User = "65534:65534",
        };

        var run = await docker.RunAsync(spec, DockerFixture.Budget());

        Assert.Equal("hello world = yes||/bin\n/tmp\n65534\n65534\nnobody\n", run.StdoutText);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Labels_are_applied_and_readable_by_inspect()
    {
        var budget = DockerFixture.Budget();
        var labels = new Dictionary<string, string>(docker.Labels) { ["org.controlplane.attempt"] = "run-7/step-2/1", ["empty"] = "" };
        var id = await docker.Engine.CreateContainerAsync(docker.Spec("true") with { Labels = labels }, budget);

        var details = await docker.Engine.InspectContainerAsync(id, budget);

        Assert.Equal("run-7/step-2/1", details.Labels["org.controlplane.attempt"]);
        Assert.Equal("", details.Labels["empty"]);
    }

    [Fact]
    public async Task A_host_directory_mounted_as_the_workspace_is_shared_both_ways()
    {
        using var workspace = new TempDirectory("cp-docker-workspace");
        await File.WriteAllTextAsync(workspace.Combine("input.txt"), "from the host\n");
        using var readOnly = new TempDirectory("cp-docker-readonly");
        var spec = docker.Spec("cat input.txt; echo 'from the container' > output.txt; mkdir -p out/deep && echo x > out/deep/file; touch /config/nope") with
        {
            WorkingDirectory = "/workspace",
            Mounts = [new BindMount(workspace.Path, "/workspace"), new BindMount(readOnly.Path, "/config", ReadOnly: true)],
        };

        var run = await docker.RunAsync(spec, DockerFixture.Budget());

        Assert.Equal("from the host\n", run.StdoutText);
        Assert.Equal("from the container\n", await File.ReadAllTextAsync(workspace.Combine("output.txt")));
        Assert.True(File.Exists(workspace.Combine("out", "deep", "file")));
        Assert.Contains("Read-only file system", run.StderrText, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(readOnly.Path));
    }

    [Fact]
    public async Task The_entrypoint_can_be_replaced_and_the_command_becomes_its_arguments()
    {
        var spec = new ContainerSpec
        {
            Image = TestImage.Name,
            Entrypoint = ["/bin/echo", "-n"],
            Command = ["two words", "$HOME", "'quoted'"],
            Labels = docker.Labels,
        };

        var run = await docker.RunAsync(spec, DockerFixture.Budget());

        Assert.Equal("two words $HOME 'quoted'", run.StdoutText);
    }

    [Fact]
    public async Task Containers_have_no_network_and_closed_stdin_by_default()
    {
        var run = await docker.RunAsync(docker.Spec("ls /sys/class/net; cat; echo stdin-closed"), DockerFixture.Budget());

        Assert.Equal("lo\nstdin-closed\n", run.StdoutText);
        Assert.Equal(Encoding.UTF8.GetBytes(""), run.Stderr);
    }
}
