using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Notifications;

namespace ControlPlane.Server.Tests.Notifications;

/// <summary>The bodies notifications are sent as, and the arithmetic of retries and medians.</summary>
public class NotificationPayloadsTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_run_payload_names_the_run_the_workflow_the_failing_step_and_the_duration()
    {
        var payload = NotificationPayloads.RunJson(FailedNotice());

        Assert.Equal(
            """{"id":"run-42","event":"run.failed","run":{"id":42,"workflow":"deploy","revision":7,"state":"failed","created_at":"2026-11-22T09:00:00+00:00","started_at":"2026-11-22T09:00:01+00:00","finished_at":"2026-11-22T09:01:13+00:00","duration_seconds":72,"run_attempt":1,"trigger":"manual"},"failing_step":{"id":"build","state":"failed","exit_code":2,"failure_class":"exit_code","message":"exited with code 2","attempts":1,"started_at":null,"finished_at":null},"reason":"failed: build"}""",
            payload.ToJsonString());
    }

    [Fact]
    public void The_sent_body_writes_offsets_and_names_as_they_are_not_as_unicode_escapes()
    {
        var notice = FailedNotice();
        var body = NotificationPayloads.Render(notice with { Workflow = "déploiement", Run = notice.Run with { Origin = Core.Runs.RunOrigin.Webhook } }, NotifyFormat.Json);

        Assert.Contains("\"created_at\":\"2026-11-22T09:00:00+00:00\"", body, StringComparison.Ordinal);
        Assert.Contains("\"workflow\":\"déploiement\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        Assert.Contains("\"trigger\":\"webhook\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_text_reads_as_one_sentence()
    {
        Assert.Equal("ControlPlane: run 42 of deploy failed at step build (exit 2) after 1m12s", NotificationPayloads.SlackText(FailedNotice()));
        Assert.Equal("""{"text":"ControlPlane: run 42 of deploy failed at step build (exit 2) after 1m12s"}""", NotificationPayloads.Render(FailedNotice(), NotifyFormat.Slack));
        Assert.Equal("ControlPlane: run 42 of deploy started", NotificationPayloads.SlackText(FailedNotice() with { Event = "run.started", State = "running", FailingStep = null }));
    }

    [Fact]
    public void Sent_at_is_stamped_on_json_bodies_only()
    {
        var sentAt = Created.AddMinutes(5);
        Assert.EndsWith(""","sent_at":"2026-11-22T09:05:00+00:00"}""", NotificationPayloads.Stamp("""{"id":"run-1"}""", NotifyFormat.Json, sentAt));
        Assert.Equal("""{"text":"hi"}""", NotificationPayloads.Stamp("""{"text":"hi"}""", NotifyFormat.Slack, sentAt));
    }

    [Theory]
    [InlineData(1, 80, 120)]
    [InlineData(2, 160, 240)]
    [InlineData(4, 640, 960)]
    [InlineData(30, 5000, 5000)]
    public void Backoff_doubles_per_attempt_with_jitter_and_stops_at_the_maximum(int attempt, int minMs, int maxMs)
    {
        var random = new Random(1);
        for (var i = 0; i < 100; i++)
        {
            var delay = DeliveryBackoff.Delay(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), random);
            Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
        }
    }

    [Fact]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Null(AlertEvaluator.Median([]));
        Assert.Equal(TimeSpan.FromSeconds(3), AlertEvaluator.Median([TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)]));
        Assert.Equal(TimeSpan.FromSeconds(2), AlertEvaluator.Median([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)]));
    }

    private static RunNotice FailedNotice()
    {
        var run = new RunRecord(new RunId(42), new WorkflowId(3), new WorkflowRevisionId(7), RunState.Failed, "{}", null, null, 0, 1, null, null, Created, Created.AddSeconds(1), Created.AddSeconds(73));
        var step = new StepNotice("build", "failed", 2, "exit_code", "exited with code 2", 1, null, null);
        return new RunNotice("run.failed", run, "deploy", "failed", 7, step, null, "failed: build");
    }
}
