namespace ControlPlane.Core.Runs;

/// <summary>What started a run; stored as its snake_case name in the run's <c>trigger</c> column.</summary>
public enum RunOrigin
{
    /// <summary>An API call or <c>cpctl run</c>.</summary>
    Manual,

    /// <summary>A cron schedule in the workflow's <c>on.schedule</c>.</summary>
    Schedule,

    /// <summary>A webhook delivery to <c>POST /hooks/{workflow}</c>; its payload is the run's event.</summary>
    Webhook,
}
