using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// Renders notices as request bodies: the JSON payload, or Slack's <c>{"text": ...}</c>. Bodies are rendered when
/// queued (so they tell the run as of the event) and get <c>sent_at</c> when sent.
/// </summary>
public static class NotificationPayloads
{
    // Relaxed escaping: receivers read "+00:00" and non-ASCII names as written, not as \u escapes. Bodies are JSON
    // documents sent as application/json, never embedded in HTML, so HTML-sensitive characters need no escaping.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(RunNotice notice, NotifyFormat format) =>
        format == NotifyFormat.Slack ? Slack(SlackText(notice)) : RunJson(notice).ToJsonString(Compact);

    public static string Render(AlertNotice notice, NotifyFormat format) =>
        format == NotifyFormat.Slack ? Slack(SlackText(notice)) : AlertJson(notice).ToJsonString(Compact);

    /// <summary>The body to send: JSON payloads get <c>sent_at</c>; Slack bodies go as they are.</summary>
    public static string Stamp(string body, NotifyFormat format, DateTimeOffset sentAt)
    {
        if (format != NotifyFormat.Json || JsonNode.Parse(body) is not JsonObject payload)
        {
            return body;
        }

        payload["sent_at"] = sentAt;
        return payload.ToJsonString(Compact);
    }

    /// <summary>e.g. <c>ControlPlane: run 42 of deploy failed at step build (exit 2) after 1m12s</c>.</summary>
    public static string SlackText(RunNotice notice)
    {
        var run = notice.Run;
        var text = $"ControlPlane: run {run.Id} of {notice.Workflow}";
        text += notice.Event switch
        {
            "run.started" => " started",
            "step.finished" when notice.Step is { } step => $": step {step.Id} {step.State}{Exit(step)}",
            _ => " " + notice.State,
        };
        if (notice.Event == "run.failed" && notice.FailingStep is { } failing)
        {
            text += $" at step {failing.Id}{Exit(failing)}";
        }

        if (notice.Event != "step.finished" && Duration(notice) is { } duration)
        {
            text += " after " + DurationText.Format(duration);
        }

        return text;
    }

    /// <summary>e.g. <c>ControlPlane alert deploy-failing: run 7 of deploy failed</c>.</summary>
    public static string SlackText(AlertNotice notice) => $"ControlPlane alert {notice.Rule.Name}: {notice.Message}";

    public static JsonObject RunJson(RunNotice notice)
    {
        var payload = new JsonObject
        {
            ["id"] = LinkId(notice),
            ["event"] = notice.Event,
            ["run"] = RunObject(notice),
        };
        if (notice.FailingStep is { } failing)
        {
            payload["failing_step"] = StepObject(failing);
        }

        if (notice.Step is { } step)
        {
            payload["step"] = StepObject(step);
        }

        if (notice.Reason is { } reason)
        {
            payload["reason"] = reason;
        }

        return payload;
    }

    public static JsonObject AlertJson(AlertNotice notice)
    {
        var rule = notice.Rule;
        var alert = new JsonObject
        {
            ["rule"] = rule.Name,
            ["kind"] = Core.StateMachines.EnumText.ToText(rule.Kind),
            ["workflow"] = notice.Workflow,
            ["message"] = notice.Message,
            ["window_seconds"] = (long)rule.Window.TotalSeconds,
        };
        var payload = new JsonObject
        {
            ["id"] = $"alert-{rule.Name}-{notice.Workflow}",
            ["event"] = notice.Event,
            ["alert"] = alert,
        };
        if (notice.Run is { } run)
        {
            payload["run"] = RunObject(run);
        }

        return payload;
    }

    private static JsonObject RunObject(RunNotice notice)
    {
        var run = notice.Run;
        return new JsonObject
        {
            ["id"] = run.Id.Value,
            ["workflow"] = notice.Workflow,
            ["revision"] = notice.Revision,
            ["state"] = notice.State,
            ["created_at"] = run.CreatedAt,
            ["started_at"] = run.StartedAt,
            ["finished_at"] = notice.Event is "run.started" or "step.finished" ? null : run.FinishedAt,
            ["duration_seconds"] = Duration(notice) is { } duration ? Math.Round(duration.TotalSeconds, 3) : null,
            ["run_attempt"] = run.RunAttempt,
            ["trigger"] = Core.StateMachines.EnumText.ToText(run.Origin),
        };
    }

    private static JsonObject StepObject(StepNotice step) => new()
    {
        ["id"] = step.Id,
        ["state"] = step.State,
        ["exit_code"] = step.ExitCode,
        ["failure_class"] = step.FailureClass,
        ["message"] = step.Message,
        ["attempts"] = step.Attempts,
        ["started_at"] = step.StartedAt,
        ["finished_at"] = step.FinishedAt,
    };

    // Link-friendly: what a chat message or ticket can name the run by.
    private static string LinkId(RunNotice notice) =>
        notice.Event == "step.finished" && notice.Step is { } step
            ? $"run-{notice.Run.Id}-{step.Id}"
            : "run-" + notice.Run.Id.Value.ToString(CultureInfo.InvariantCulture);

    private static TimeSpan? Duration(RunNotice notice) =>
        notice.Run is { StartedAt: { } started, FinishedAt: { } finished } && notice.Event is not ("run.started" or "step.finished")
            ? finished - started
            : null;

    private static string Exit(StepNotice step) => step.ExitCode is { } code && step.State == "failed" ? $" (exit {code})" : "";

    private static string Slack(string text) => new JsonObject { ["text"] = text }.ToJsonString(Compact);
}
