using ControlPlane.Core.Storage;
using ControlPlane.Server.Admin;
using ControlPlane.Server.Api;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Health;
using ControlPlane.Server.Metrics;
using ControlPlane.Server.Notifications;
using ControlPlane.Server.Retention;
using ControlPlane.Server.Runners;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Triggers;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Settings;
using ControlPlane.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Hosting;

/// <summary>The composition root of cp-server: configuration, the store, Kestrel listeners, services and lifetime hooks.</summary>
/// <remarks>
/// Start order matters and is the registration order of the hosted services: the store (opened here, closed last),
/// then the dispatch loop, whose start runs startup recovery to completion, then Kestrel, which the host appends after
/// every service registered here. So the server listens only on a recovered store.
/// </remarks>
public static class ServerHost
{
    /// <summary>The database file inside the data directory.</summary>
    public const string StoreFileName = "controlplane.db";

    /// <param name="customize">Runs last before the app is built, e.g. for tests to add a log provider.</param>
    /// <exception cref="UsageException">Flags, environment or configuration that cannot be used.</exception>
    /// <exception cref="StoreOpenException">The database cannot be opened or migrated.</exception>
    public static async Task<WebApplication> BuildAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, Action<WebApplicationBuilder>? customize = null)
    {
        DurationConverter.Register();
        var environmentValues = ServerFlags.FromEnvironment(Environment.GetEnvironmentVariable);
        var flagValues = ServerFlags.FromArguments(args);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        AddConfigFile(builder.Configuration, flagValues, environmentValues);
        builder.Configuration.AddInMemoryCollection(environmentValues).AddInMemoryCollection(flagValues);

        var options = LoadOptions(builder.Configuration, environmentValues, flagValues);
        var dataDirectory = DataDirectory.Prepare(options.DataDir);
        options.DataDir = dataDirectory.Path;
        ConfigureLogging(builder);
        var listeners = new BoundListeners();
        builder.WebHost.ConfigureKestrel(kestrel => KestrelListeners.Configure(kestrel, options, listeners));

        var schedulerOptions = LoadSchedulerOptions(builder.Configuration);
        var runnerOptions = LoadRunnerOptions(builder.Configuration, environmentValues, flagValues, options.Dev);
        var secrets = LoadSecrets(runnerOptions);
        var metricsOptions = MetricsServices.LoadOptions(builder.Configuration);
        var retentionOptions = RetentionServices.LoadOptions(builder.Configuration);
        var store = await SqliteStore.OpenAsync(Path.Combine(options.DataDir, StoreFileName), TimeProvider.System, cancellationToken);
        var adminTokenFile = await BootstrapAdminTokenAsync(store, options, cancellationToken);

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(options.PlanLimits);
        builder.Services.AddSingleton(listeners);
        builder.Services.AddSingleton(Options.Create(schedulerOptions));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IStore>(store);
        builder.Services.AddHostedService(_ => new StoreLifetime(store));
        builder.Services.AddSingleton(Options.Create(runnerOptions));
        builder.Services.AddScheduling().AddDispatchLoop();
        builder.Services.AddServerMetrics(metricsOptions);
        builder.Services.AddRetention(retentionOptions);
        builder.Services.AddOperatorApi(builder.Configuration);
        builder.Services.AddApiAuth(builder.Configuration);
        builder.Services.AddNotifications(builder.Configuration);
        builder.Services.AddRunnerProtocol(secrets);
        builder.Services.AddTriggers(builder.Configuration).AddScheduleLoop();
        builder.Services.AddSingleton<RunnerAdmin>();
        builder.Services.AddSingleton<ServerVersion>();
        builder.Services.AddSingleton<ErrorInterceptor>();
        builder.Services.AddServerHealth(ExposedServices);
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpc(grpc =>
        {
            // In this order: errors outermost, so refusals by the interceptors after it become statuses too.
            grpc.Interceptors.Add<ErrorInterceptor>();
            grpc.Interceptors.Add<AuthInterceptor>();
            grpc.Interceptors.Add<HealthReasonInterceptor>();
        });
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<AdminApi>();
        app.MapGrpcService<WorkflowApi>();
        app.MapGrpcService<RunApi>();
        app.MapGrpcService<StatsApi>();
        app.MapGrpcService<RunnerApi>();
        app.MapGrpcService<NotificationApi>();
        app.MapServerHealth();
        app.MapGrpcReflectionService();
        app.MapPost(WebhookEndpoint.Route, WebhookEndpoint.HandleAsync);
        app.MapMetrics();
        RegisterLifetimeHooks(app, options);
        LogNarrowedEntries(app, dataDirectory);
        LogAuthentication(app, options, adminTokenFile);
        return app;
    }

    /// <summary>Every service mapped above, as reflection and health report them.</summary>
    internal static IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> ExposedServices { get; } =
    [
        Contracts.V1.AdminService.Descriptor,
        Contracts.V1.WorkflowService.Descriptor,
        Contracts.V1.RunService.Descriptor,
        Contracts.V1.StatsService.Descriptor,
        Contracts.V1.RunnerService.Descriptor,
        Contracts.V1.NotificationService.Descriptor,
        global::Grpc.Health.V1.Health.Descriptor,
        global::Grpc.Reflection.V1.ServerReflection.Descriptor,
        global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    private static async Task<string?> BootstrapAdminTokenAsync(SqliteStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await AdminTokenBootstrap.EnsureAsync(store, options.DataDir, TimeProvider.System, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static void LogNarrowedEntries(WebApplication app, PreparedDataDirectory dataDirectory)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Server");
        foreach (var entry in dataDirectory.Narrowed)
        {
            ServerLog.DataDirectoryEntryNarrowed(logger, entry.Path, Octal(entry.Before), Octal(entry.After));
        }

        static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
    }

    private static void LogAuthentication(WebApplication app, ServerOptions options, string? adminTokenFile)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Server.Auth");
        if (adminTokenFile is not null)
        {
            AuthLog.AdminTokenWritten(logger, adminTokenFile);
        }

        if (options.Dev)
        {
            AuthLog.DevModeEnabled(logger);
        }
    }

    private static ServerOptions LoadOptions(ConfigurationManager configuration, Dictionary<string, string?> environmentValues, Dictionary<string, string?> flagValues)
    {
        var options = ConfigurationSections.Bind<ServerOptions>(configuration, ServerOptions.Section);

        ReplaceRepeated(options.Listen, "Server:Listen", flagValues, environmentValues);
        ReplaceRepeated(options.HttpListen, "Server:HttpListen", flagValues, environmentValues);

        var result = new ServerOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new UsageException(string.Join("\n", result.Failures));
        }

        return options;
    }

    /// <summary>
    /// A repeatable flag's values (or else the environment's) replace the list from files: configuration merges lists
    /// by index, so binding alone would mix a shorter list given on a higher level with the rest of a lower one.
    /// </summary>
    private static void ReplaceRepeated(IList<string> target, string configKey, Dictionary<string, string?> flagValues, Dictionary<string, string?> environmentValues)
    {
        var values = ServerFlags.RepeatedValues(flagValues, configKey) ?? ServerFlags.RepeatedValues(environmentValues, configKey);
        if (values is null)
        {
            return;
        }

        target.Clear();
        foreach (var value in values)
        {
            target.Add(value);
        }
    }

    /// <summary>The <c>--config</c> file sits between appsettings.json and the environment in precedence.</summary>
    private static void AddConfigFile(ConfigurationManager configuration, Dictionary<string, string?> flagValues, Dictionary<string, string?> environmentValues)
    {
        var path = flagValues.GetValueOrDefault("Server:ConfigFile") ?? environmentValues.GetValueOrDefault("Server:ConfigFile");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new UsageException($"--config: file '{path}' does not exist");
        }

        try
        {
            configuration.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--config: '{path}' is not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
    }

    /// <param name="dev">Dev mode (loopback only) accepts short static registration tokens.</param>
    private static RunnerProtocolOptions LoadRunnerOptions(ConfigurationManager configuration, Dictionary<string, string?> environmentValues, Dictionary<string, string?> flagValues, bool dev)
    {
        var options = ConfigurationSections.Bind<RunnerProtocolOptions>(configuration, RunnerProtocolOptions.Section);
        ReplaceRepeated(options.RegistrationTokens, "Runners:RegistrationTokens", flagValues, environmentValues);

        if (options.RegistrationTokens.Any(string.IsNullOrWhiteSpace))
        {
            throw new UsageException("--registration-token: must not be empty");
        }

        // The token itself is never echoed: it is a secret, and the line goes to logs.
        var shortest = options.RegistrationTokens.Select(t => t.Length).DefaultIfEmpty(int.MaxValue).Min();
        return !dev && shortest < RunnerProtocolOptions.MinRegistrationTokenLength
            ? throw new UsageException(
                $"--registration-token: a static registration token must be at least {RunnerProtocolOptions.MinRegistrationTokenLength} characters, one has {shortest}; generate one with 'openssl rand -hex 16' (only --dev accepts shorter ones)")
            : options;
    }

    private static SecretValues LoadSecrets(RunnerProtocolOptions options)
    {
        try
        {
            return SecretValues.Load(options.SecretsFile);
        }
        catch (SecretsFileException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static SchedulerOptions LoadSchedulerOptions(ConfigurationManager configuration)
    {
        var options = ConfigurationSections.Bind<SchedulerOptions>(configuration, SchedulerOptions.Section);

        var result = new SchedulerOptionsValidator().Validate(null, options);
        return result.Failed ? throw new UsageException(string.Join("\n", result.Failures)) : options;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        var format = builder.Configuration["Logging:Format"] ?? "console";
        switch (format)
        {
            case "json":
                builder.Logging.AddJsonConsole(o => o.TimestampFormat = "O");
                break;
            case "console":
                builder.Logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                });
                break;
            default:
                throw new UsageException($"--log-format: '{format}' is not console or json");
        }
    }

    private static void RegisterLifetimeHooks(WebApplication app, ServerOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ControlPlane.Server");
        var version = app.Services.GetRequiredService<ServerVersion>().Version;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var listeners = app.Services.GetRequiredService<BoundListeners>();
            foreach (var address in listeners.GrpcAddresses)
            {
                ServerLog.Listening(logger, address);
            }

            foreach (var address in listeners.HttpAddresses)
            {
                ServerLog.ListeningForHttp(logger, address);
            }

            if (!options.AllowCleartext && options.CleartextExposedListeners is { Count: > 0 } cleartext)
            {
                ServerLog.CleartextListeners(logger, string.Join(", ", cleartext));
            }

            ServerLog.Started(logger, version, options.DataDir);
        });
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            ServerLog.ShuttingDown(logger);
        });
    }
}
