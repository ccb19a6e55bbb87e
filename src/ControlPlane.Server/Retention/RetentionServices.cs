using ControlPlane.Server.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Retention;

/// <summary>Registers the retention sweep, and its background job when a limit is configured.</summary>
public static class RetentionServices
{
    /// <exception cref="UsageException">The <c>Retention</c> section cannot be used.</exception>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Load(configuration);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<RetentionSweep>();
        if (options.Enabled)
        {
            services.AddHostedService<RetentionJob>();
        }

        return services;
    }

    private static RetentionOptions Load(IConfiguration configuration)
    {
        var options = new RetentionOptions();
        try
        {
            configuration.GetSection(RetentionOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"{RetentionOptions.Section}: {e.InnerException?.Message ?? e.Message}");
        }

        var problem = options switch
        {
            { MaxAge: { } age } when age <= TimeSpan.Zero => $"--retention-max-age must be positive, not {age}",
            { MaxLogBytes: < 0 } => $"--retention-max-log-bytes must not be negative, not {options.MaxLogBytes}",
            { Interval: var interval } when interval < TimeSpan.FromSeconds(1) => $"{RetentionOptions.Section}:Interval must be at least 1s, not {interval}",
            { BatchSize: < 1 or > 10_000 } => $"{RetentionOptions.Section}:BatchSize must be from 1 to 10000, not {options.BatchSize}",
            _ => null,
        };
        return problem is null ? options : throw new UsageException(problem);
    }
}
