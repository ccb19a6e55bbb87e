namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>What a schedule does about fire times that passed while the server was down.</summary>
public enum MissedSchedulePolicy
{
    /// <summary>Start one run for the latest missed fire time, however many were missed.</summary>
    RunOnce,

    /// <summary>Start nothing for missed fire times; go on with the next one.</summary>
    Skip,
}
