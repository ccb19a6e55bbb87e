using ControlPlane.Core.Planning;
using ControlPlane.Core.Retries;
using ControlPlane.Server.Scheduling.Phases;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Scheduling.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling;

/// <summary>Registers the scheduler's components; the host adds the <see cref="Core.Storage.IStore"/>, the clock and the options.</summary>
public static class SchedulingServices
{
    /// <summary>Everything but the hosted <see cref="DispatchLoop"/> (add it with <see cref="AddDispatchLoop"/>).</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<RunnerRegistry>();
        services.AddSingleton<SpecCache>();
        services.AddSingleton<SchedulerFaults>();
        services.AddSingleton(sp => new RetryPlanner(sp.GetRequiredService<TimeProvider>(), Random.Shared));
        services.AddSingleton<StepFailures>();
        services.AddSingleton<StepCancellation>();
        services.AddSingleton<Triggers.Schedules.ScheduleSignal>();
        services.AddSingleton<Triggers.Schedules.ScheduleSync>();
        services.AddSingleton<RunLauncher>();

        // The host registers the limits from ServerOptions first; harnesses that compose without it get the defaults.
        services.TryAddSingleton(PlanLimits.Default);
        services.AddSingleton<RunRetrier>();
        services.AddSingleton<RunnerConnector>();
        services.AddSingleton<SchedulerRecovery>();
        services.AddSingleton<StoreOutageGate>();
        services.AddSingleton(sp => new RunCanceller(
            sp.GetRequiredService<Core.Storage.IStore>(),
            sp.GetRequiredService<RunnerRegistry>(),
            sp.GetRequiredService<SchedulerSignal>(),
            sp.GetRequiredService<StepCancellation>(),
            sp.GetRequiredService<ILogger<RunCanceller>>()));
        services.AddSingleton(sp => new AttemptReporter(
            sp.GetRequiredService<Core.Storage.IStore>(),
            sp.GetRequiredService<RunnerRegistry>(),
            sp.GetRequiredService<SchedulerSignal>(),
            sp.GetRequiredService<SpecCache>(),
            sp.GetRequiredService<StepFailures>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SchedulerOptions>>(),
            sp.GetRequiredService<ILogger<AttemptReporter>>(),
            sp.GetService<Metrics.ServerMetrics>()));
        services.AddSingleton<LeasePhase>();
        services.AddSingleton<TimeoutPhase>();
        services.AddSingleton<AdmissionPhase>();
        services.AddSingleton<ProgressPhase>();
        services.AddSingleton<DispatchPhase>();
        services.AddSingleton<WakeupPlanner>();
        services.AddSingleton(sp => new Scheduler(
            sp.GetRequiredService<Core.Storage.IStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SchedulerSignal>(),
            sp.GetRequiredService<RunnerRegistry>(),
            sp.GetRequiredService<SpecCache>(),
            sp.GetRequiredService<SchedulerFaults>(),
            sp.GetRequiredService<IOptions<SchedulerOptions>>(),
            (sp.GetRequiredService<LeasePhase>(),
                sp.GetRequiredService<TimeoutPhase>(),
                sp.GetRequiredService<AdmissionPhase>(),
                sp.GetRequiredService<ProgressPhase>(),
                sp.GetRequiredService<DispatchPhase>(),
                sp.GetRequiredService<WakeupPlanner>())));
        return services;
    }

    /// <summary>The hosted loop; registered as a singleton too so its state can be inspected.</summary>
    public static IServiceCollection AddDispatchLoop(this IServiceCollection services)
    {
        services.AddSingleton<DispatchLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchLoop>());
        return services;
    }
}
