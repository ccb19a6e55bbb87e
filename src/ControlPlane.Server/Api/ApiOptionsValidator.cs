using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Api;

/// <summary>Checks <see cref="ApiOptions"/> on start, naming each bad setting by its configuration key.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.LogPollInterval <= TimeSpan.Zero)
        {
            errors.Add($"Api:LogPollInterval: must be positive, got {options.LogPollInterval}");
        }

        if (options.WatchPollInterval <= TimeSpan.Zero)
        {
            errors.Add($"Api:WatchPollInterval: must be positive, got {options.WatchPollInterval}");
        }

        AtLeastOne(errors, "Api:LogReadBytes", options.LogReadBytes);
        AtLeastOne(errors, "Api:WatchReadEvents", options.WatchReadEvents);
        AtLeastOne(errors, "Api:DefaultPageSize", options.DefaultPageSize);
        AtLeastOne(errors, "Api:MaxPageSize", options.MaxPageSize);
        if (options.DefaultPageSize > options.MaxPageSize)
        {
            errors.Add($"Api:DefaultPageSize: must not exceed Api:MaxPageSize ({options.MaxPageSize}), got {options.DefaultPageSize}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AtLeastOne(List<string> errors, string setting, int value)
    {
        if (value < 1)
        {
            errors.Add($"{setting}: must be at least 1, got {value}");
        }
    }
}
