using ControlPlane.Contracts.V1;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Triggers;

/// <summary>A schedule fires in a real cp-server process on the real clock.</summary>
public sealed class ScheduleProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("cp-sched-proc");

    [Fact]
    public async Task An_every_minute_schedule_starts_a_run_within_the_next_minute()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), ["--dev"], output.WriteLine);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var workflows = new WorkflowService.WorkflowServiceClient(channel);
        var runs = new RunService.RunServiceClient(channel);
        const string Source = "name: ticker\non:\n  schedule:\n    - cron: \"* * * * *\"\nsteps:\n  - id: tick\n    run: date\n";
        await workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "ticker.yaml", Source = Source }, cancellationToken: timeout.Token);

        // The next whole minute is at most 60 s away; the log line is the loop's own report of the fire.
        var fired = await server.Process.WaitForLineAsync(l => l.Contains("Schedule ticker[0]", StringComparison.Ordinal), "the schedule to fire", TimeSpan.FromSeconds(120));
        var listed = await runs.ListRunsAsync(new ListRunsRequest { WorkflowName = "ticker" }, cancellationToken: timeout.Token);

        Assert.Contains("fired for", fired, StringComparison.Ordinal);
        var run = Assert.Single(listed.Runs.Where(r => r.Trigger == RunTrigger.Schedule).Take(1));
        Assert.StartsWith("schedule:ticker:0:", run.IdempotencyKey, StringComparison.Ordinal);
        Assert.EndsWith(":00Z", run.IdempotencyKey, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
