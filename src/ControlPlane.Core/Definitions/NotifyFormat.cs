namespace ControlPlane.Core.Definitions;

/// <summary>The body a notification is sent as.</summary>
public enum NotifyFormat
{
    /// <summary>The full JSON payload: run, workflow, failing step, duration.</summary>
    Json,

    /// <summary>A Slack-compatible <c>{"text": "..."}</c> body with one readable line.</summary>
    Slack,
}
