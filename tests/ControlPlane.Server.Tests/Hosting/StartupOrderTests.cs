using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Scheduling;
using ControlPlane.Store;
using ControlPlane.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Hosting;

/// <summary>The server must recover its store before it accepts a single call.</summary>
public sealed class StartupOrderTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task The_dispatch_loop_with_its_recovery_starts_before_kestrel_and_the_store_stops_last()
    {
        await using var app = await ServerHost.BuildAsync(["--listen", "http://127.0.0.1:0", "--data-dir", _directory.Combine("data")], CancellationToken.None);

        // OpenTelemetry's hosted service puts itself first; it only builds the meter provider on start and does
        // nothing on stop, so the store still stops after every service that does.
        var order = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).Where(n => n != "TelemetryHostedService").ToList();

        Assert.Equal("StoreLifetime", order[0]);
        Assert.True(order.IndexOf(nameof(DispatchLoop)) < order.IndexOf("GenericWebHostService"), string.Join(", ", order));
        Assert.Equal("GenericWebHostService", order[^1]);
    }

    [Fact]
    public async Task Startup_recovery_finishes_before_the_server_listens_and_grants_the_failover_grace()
    {
        var dataDir = Directory.CreateDirectory(_directory.Combine("data")).FullName;
        var attempt = await SeedRunningAttemptAsync(Path.Combine(dataDir, ServerHost.StoreFileName));

        await using (var server = await ServerProcess.StartAsync(dataDir, ["--runner-lost-timeout", "20s"], output.WriteLine))
        {
            var stdout = server.Process.StandardOutput;
            var recovered = stdout.IndexOf("Recovered 1 active runs; 1 live attempts get 00:00:40", StringComparison.Ordinal);
            var listening = stdout.IndexOf("Listening on", StringComparison.Ordinal);
            Assert.True(recovered >= 0 && recovered < listening, stdout);
            server.Process.Signal(15);
            Assert.Equal(0, await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        await using var store = await SqliteStore.OpenAsync(Path.Combine(dataDir, ServerHost.StoreFileName), TimeProvider.System, CancellationToken.None);
        await using var unit = await store.BeginReadAsync(CancellationToken.None);
        var lease = (await unit.Attempts.GetAsync(attempt, CancellationToken.None)).LeaseExpiresAt!.Value;
        Assert.InRange(lease - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(41));
    }

    public void Dispose() => _directory.Dispose();

    // A running attempt whose lease ran out long ago, as a crashed server would leave it.
    private static async Task<AttemptId> SeedRunningAttemptAsync(string path)
    {
        var past = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var store = await SqliteStore.OpenAsync(path, past, CancellationToken.None);
        await using var unit = await store.BeginAsync(CancellationToken.None);
        var ct = CancellationToken.None;
        var revision = await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("w", "w.yaml", "name: w\nsteps:\n  - id: s\n    run: x\n", "sha256:w"), ct);
        var run = await unit.Runs.CreateAsync(new NewRun(revision.WorkflowId, revision.Id), ct);
        await unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, ct);
        var step = (await unit.Steps.CreatePlanAsync(run.Id, [new NewStep("s", [], "{}")], ct))[0];
        await unit.Steps.TransitionAsync(step.Id, StepTrigger.DependenciesMet, StepState.Pending, null, ct);
        var runner = await unit.Runners.RegisterAsync(new NewRunner("r", RunnerTokens.Issue().Hash, [], 1), ct);
        await unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Connect, RunnerState.Offline, ct);
        var attempt = await unit.Attempts.OfferAsync(new NewAttempt(step.Id, runner.Id, past.GetUtcNow().AddSeconds(10)), ct);
        await unit.Steps.TransitionAsync(step.Id, StepTrigger.Offer, StepState.Ready, new StepTransitionDetails { Attempt = attempt.Id }, ct);
        await unit.Attempts.TransitionAsync(attempt.Id, attempt.LeaseEpoch, AttemptTrigger.Start, AttemptState.Offered, null, ct);
        await unit.Steps.TransitionAsync(step.Id, StepTrigger.Start, StepState.Offered, null, ct);
        await unit.CommitAsync(ct);
        return attempt.Id;
    }
}
