using System.Globalization;
using System.Net;
using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

public sealed class DockerAndHttpStepTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_docker_step_runs_in_a_container_with_its_log_outputs_and_workspace_and_leaves_no_container()
    {
        await TestImage.EnsureAsync();
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("boxed.yaml", $$$"""
            name: boxed
            steps:
              - id: boxed
                docker:
                  image: {{{TestImage.Name}}}
                  pull: never
                  command: ["sh", "-c", "echo out; echo err >&2; echo size=small >> \"$CP_OUTPUT\"; exit 0"]
                outputs:
                  size: ${{ result.outputs.size }}
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.Equal("small", run.Steps[0].Outputs["size"]);
        var log = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "boxed"));
        Assert.Contains("out\n", log, StringComparison.Ordinal);
        Assert.Contains("err\n", log, StringComparison.Ordinal);
        Assert.Empty(DockerCli.ContainersOfRun(runId));
    }

    [Fact]
    public async Task An_http_step_calls_the_endpoint_and_records_status_and_body()
    {
        using var endpoint = new HttpListener();
        var port = FreePort.Find();
        endpoint.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        endpoint.Start();
        var serving = Task.Run(async () =>
        {
            var context = await endpoint.GetContextAsync();
            var body = Encoding.UTF8.GetBytes("{\"healthy\":true}");
            context.Response.StatusCode = context.Request.Headers["X-Probe"] == "yes" ? 200 : 400;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("probe.yaml", $$"""
            name: probe
            steps:
              - id: probe
                http:
                  url: http://127.0.0.1:{{port}}/healthz
                  headers:
                    X-Probe: "yes"
                  expected_status: [200]
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);
        await serving;

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var log = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "probe"));
        Assert.Contains("{\"healthy\":true}", log, StringComparison.Ordinal);
        Assert.Contains("200", log, StringComparison.Ordinal);
    }
}
