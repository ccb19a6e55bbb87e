using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Output;

public sealed class RunTablesTests
{
    [Fact]
    public void The_run_header_says_what_started_the_run()
    {
        var now = DateTimeOffset.UtcNow;
        var manual = new Run { Id = 1, WorkflowName = "ci", Trigger = RunTrigger.Manual };
        var scheduled = new Run { Id = 2, WorkflowName = "ci", Trigger = RunTrigger.Schedule, IdempotencyKey = "schedule:ci:0:2026-05-01T11:00:00Z" };
        var hooked = new Run { Id = 3, WorkflowName = "ci", Trigger = RunTrigger.Webhook, EventJson = """{"ref":"main"}""", IdempotencyKey = "webhook:ci:d-1" };

        Assert.Contains("started by: manual", RunTables.Header(manual, now));
        Assert.Contains("started by: schedule (schedule:ci:0:2026-05-01T11:00:00Z)", RunTables.Header(scheduled, now));
        Assert.Contains("started by: webhook (14 bytes of event, webhook:ci:d-1)", RunTables.Header(hooked, now));
    }
}
