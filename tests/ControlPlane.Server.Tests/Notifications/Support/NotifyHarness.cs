using System.Text.Json;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Notifications.Support;

/// <summary>
/// The in-process server with a <c>--config</c> file of short notification timings (and whatever a test adds), an
/// in-process runner to drive runs to their end, and a client of NotificationService.
/// </summary>
internal sealed class NotifyHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private NotifyHarness(ApiServer server, TempDirectory directory, InProcessRunner runner)
    {
        Server = server;
        _directory = directory;
        Runner = runner;
    }

    public ApiServer Server { get; }

    public InProcessRunner Runner { get; private set; }

    public CancellationToken Ct => Server.Ct;

    public NotificationService.NotificationServiceClient Notifications => new(Server.Channel);

    /// <param name="notifications">Settings over the test defaults of the Notifications section.</param>
    /// <param name="alerts">The Alerts section, if any.</param>
    public static async Task<NotifyHarness> StartAsync(ITestOutputHelper output, Dictionary<string, object>? notifications = null, object? alerts = null)
    {
        var directory = new TempDirectory("cp-notify");
        var section = new Dictionary<string, object>
        {
            ["PollInterval"] = "00:00:00.05",
            ["BackoffBase"] = "00:00:00.1",
            ["BackoffMax"] = "00:00:01",
            ["Timeout"] = "00:00:30",
            ["MaxAttempts"] = 20,
        };
        foreach (var (key, value) in notifications ?? [])
        {
            section[key] = value;
        }

        var config = new Dictionary<string, object> { ["Notifications"] = section };
        if (alerts is not null)
        {
            config["Alerts"] = alerts;
        }

        var path = directory.Combine("server.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(config));
        var server = await ApiServer.StartAsync(output, "--config", path);
        var runner = await InProcessRunner.ConnectAsync(server, "notify-runner");
        return new NotifyHarness(server, directory, runner);
    }

    /// <summary>Applies a one-step workflow <paramref name="name"/> with the given <c>notify:</c> YAML lines.</summary>
    public Task ApplyAsync(string name, params string[] notifyLines) =>
        Server.ApplyAsync($"name: {name}\nnotify:\n{string.Join("\n", notifyLines.Select(l => "  " + l))}\nsteps:\n  - id: build\n    run: make\n", name + ".yaml");

    /// <summary>Starts a run of <paramref name="workflow"/> and ends its one step with <paramref name="exitCode"/>; returns the run id once it finished.</summary>
    public async Task<long> RunAsync(string workflow, int exitCode)
    {
        var run = await Server.StartAsync(workflow);
        var offer = await Runner.TakeOfferAsync();
        if (exitCode == 0)
        {
            await Server.SucceedAsync(offer);
        }
        else
        {
            await Server.FailAsync(offer, exitCode);
        }

        await Server.WaitForRunAsync(run.Id, r => r.Run.State is RunState.Succeeded or RunState.Failed);
        return run.Id;
    }

    /// <summary>Restarts the server over the same store and reconnects the runner.</summary>
    public async Task RestartAsync()
    {
        await Server.RestartAsync();
        Runner = await InProcessRunner.ConnectAsync(Server, "notify-runner-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task<IReadOnlyList<NotificationDelivery>> ListAsync(long runId = 0) =>
        (await Notifications.ListNotificationDeliveriesAsync(new ListNotificationDeliveriesRequest { RunId = runId }, cancellationToken: Ct)).Deliveries;

    /// <summary>Polls the API until <paramref name="condition"/> holds over the deliveries (all runs when <paramref name="runId"/> is 0).</summary>
    public async Task<IReadOnlyList<NotificationDelivery>> WaitForDeliveriesAsync(Func<IReadOnlyList<NotificationDelivery>, bool> condition, long runId = 0)
    {
        while (true)
        {
            var deliveries = await ListAsync(runId);
            if (condition(deliveries))
            {
                return deliveries;
            }

            await Task.Delay(25, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
