using ControlPlane.Server.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Retention;

/// <summary>Registers the retention sweep, and its background job when a limit is configured.</summary>
public static class RetentionServices
{
    /// <summary>Call after the store's lifetime service, so the job stops before the store closes.</summary>
    /// <param name="options">From <see cref="LoadOptions"/>, read before the store is opened.</param>
    public static IServiceCollection AddRetention(this IServiceCollection services, RetentionOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<RetentionSweep>();
        if (options.Enabled)
        {
            services.AddHostedService<RetentionJob>();
        }

        return services;
    }

    /// <summary>The <c>Retention</c> section, validated.</summary>
    /// <exception cref="UsageException">The section cannot be used.</exception>
    public static RetentionOptions LoadOptions(IConfiguration configuration)
    {
        var options = ConfigurationSections.Bind<RetentionOptions>(configuration, RetentionOptions.Section);

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
