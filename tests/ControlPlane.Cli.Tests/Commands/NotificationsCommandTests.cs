using System.Globalization;
using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Commands;

[Collection(ControlPlaneCollection.Name)]
public sealed class NotificationsCommandTests(ControlPlaneFixture fixture)
{
    [Fact]
    public async Task Notifications_list_shows_a_failed_runs_delivery_to_an_endpoint_that_refuses_it()
    {
        // Port 9 (discard) has no listener here: every attempt is refused, and the delivery stays queued for retries.
        var file = Path.Combine(fixture.WorkflowDir, "cli-notify.yaml");
        await File.WriteAllTextAsync(file, """
            name: cli-notify
            notify:
              - url: http://127.0.0.1:9/hook
            steps:
              - id: boom
                run: exit 4
            """);
        Assert.Equal(0, (await fixture.CpctlAsync("apply", file)).ExitCode);
        var run = await fixture.CpctlAsync("run", "cli-notify", "--wait");
        var runId = RunIds.FromStarted(run).ToString(CultureInfo.InvariantCulture);

        ListNotificationDeliveriesResponse listed;
        CliResult json;
        do
        {
            json = await fixture.CpctlAsync("notifications", "list", "--run", runId, "-o", "json");
            Assert.True(json.ExitCode == 0, json.ToString());
            listed = ListNotificationDeliveriesResponse.Parser.ParseJson(json.StandardOutput);
        }
        while (listed.Deliveries.Count == 0 || listed.Deliveries[0].Attempts.Count == 0);
        var table = await fixture.CpctlAsync("notifications", "list", "--run", runId);

        var delivery = Assert.Single(listed.Deliveries);
        Assert.Equal(("run.failed", "http://127.0.0.1:9/hook"), (delivery.Event, delivery.Endpoint));
        Assert.StartsWith("request failed:", delivery.Attempts[0].Error);
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ID\s+EVENT\s+RUN\s+ENDPOINT\s+STATE\s+ATTEMPTS\s+LAST\s+CREATED$", lines[0]);
        Assert.Matches($@"^{delivery.Id}\s+run\.failed\s+{runId}\s+http://127\.0\.0\.1:9/hook\s+(pending|dead)\s+\d+\s+request failed", lines[1]);
    }
}
