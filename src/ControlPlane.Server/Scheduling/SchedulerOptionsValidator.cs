using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling;

/// <summary>Checks <see cref="SchedulerOptions"/> as the server loads them, naming each bad setting by its flag or key.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "--heartbeat-interval", options.HeartbeatInterval);
        Positive(errors, "--runner-lost-timeout", options.RunnerLostTimeout);
        Positive(errors, "--offer-timeout", options.OfferTimeout);
        Positive(errors, "Scheduler:CancelGrace", options.CancelGrace);
        Positive(errors, "Scheduler:TickRetryDelay", options.TickRetryDelay);
        Positive(errors, "Scheduler:RejectBackoff", options.RejectBackoff);
        if (options.MaxRejectBackoff < options.RejectBackoff)
        {
            errors.Add($"Scheduler:MaxRejectBackoff: must be at least Scheduler:RejectBackoff ({options.RejectBackoff}), got {options.MaxRejectBackoff}");
        }
        if (options.FailoverGrace is { } grace && grace < TimeSpan.Zero)
        {
            errors.Add($"--failover-grace: must not be negative, got {grace}");
        }

        if (options.HeartbeatInterval >= options.RunnerLostTimeout)
        {
            errors.Add($"--heartbeat-interval: must be shorter than --runner-lost-timeout ({options.RunnerLostTimeout}), got {options.HeartbeatInterval}");
        }

        if (options.MaxDecisionsPerTick < 1)
        {
            errors.Add($"Scheduler:MaxDecisionsPerTick: must be at least 1, got {options.MaxDecisionsPerTick}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{setting}: must be positive, got {value}");
        }
    }
}
