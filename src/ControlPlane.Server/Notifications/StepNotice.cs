namespace ControlPlane.Server.Notifications;

/// <summary>A step as a notification shows it: the failing step of a failed run, or the step of step.finished.</summary>
/// <param name="FailureClass">exit_code, timeout, runner_lost or error; null when it did not fail.</param>
/// <param name="Message">Why it ended as it did, for people.</param>
public sealed record StepNotice(
    string Id,
    string State,
    int? ExitCode,
    string? FailureClass,
    string? Message,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
