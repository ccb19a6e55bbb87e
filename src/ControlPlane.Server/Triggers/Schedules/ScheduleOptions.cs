namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>The <c>Schedules</c> section of the server configuration.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    /// <summary>Fire times missed while the server was down: <c>RunOnce</c> (default) starts one run, <c>Skip</c> none. Never a burst.</summary>
    public MissedSchedulePolicy Missed { get; set; } = MissedSchedulePolicy.RunOnce;

    /// <summary>How long the schedule loop waits after a failed pass (e.g. the store is busy) before trying again. Default 30 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
