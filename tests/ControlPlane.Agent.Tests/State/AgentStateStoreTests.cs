using System.Text.Json;
using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Processes;
using ControlPlane.Agent.State;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.State;

public sealed class AgentStateStoreTests : IDisposable
{
    private readonly TempDirectory _root = new("cp-agent-state");

    private string StateDirectory => _root.Combine("state");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_runner_identity_round_trips_in_a_file_only_the_owner_can_read()
    {
        var store = new AgentStateStore(StateDirectory);
        Assert.Null(await store.LoadRunnerAsync(default));

        await store.SaveRunnerAsync(new RunnerIdentity("runner-7", "tok-secret"), default);

        Assert.Equal(new RunnerIdentity("runner-7", "tok-secret"), await new AgentStateStore(StateDirectory).LoadRunnerAsync(default));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(StateDirectory, "runner.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(StateDirectory));
        Assert.DoesNotContain("tok-secret", new RunnerIdentity("runner-7", "tok-secret").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_file_others_can_read_is_refused()
    {
        var store = new AgentStateStore(StateDirectory);
        await store.SaveRunnerAsync(new RunnerIdentity("runner-7", "tok-secret"), default);
        File.SetUnixFileMode(Path.Combine(StateDirectory, "runner.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        await Assert.ThrowsAsync<AgentStateCorruptException>(() => store.LoadRunnerAsync(default));
    }

    [Fact]
    public async Task Running_attempts_are_recorded_replaced_listed_and_forgotten()
    {
        var store = new AgentStateStore(StateDirectory);
        var first = Attempt(1, pid: 4242);
        var second = Attempt(2, pid: 4343) with { ContainerId = "c0ffee", Process = null };

        await store.SaveAttemptAsync(first, default);
        await store.SaveAttemptAsync(second, default);
        await store.SaveAttemptAsync(first with { AcknowledgedLogOffset = 65536 }, default);

        var loaded = await new AgentStateStore(StateDirectory).LoadAttemptsAsync(default);
        Assert.Equal([first with { AcknowledgedLogOffset = 65536 }, second], loaded);

        await store.RemoveAttemptAsync(first.Attempt, default);
        await store.RemoveAttemptAsync(first.Attempt, default);
        Assert.Equal([second], await store.LoadAttemptsAsync(default));
    }

    [Fact]
    public async Task A_reader_never_sees_a_torn_file_while_it_is_being_replaced()
    {
        var store = new AgentStateStore(StateDirectory);
        var small = Attempt(1, pid: 1111);
        var large = small with { Workspace = new string('w', 200_000) };
        await store.SaveAttemptAsync(small, default);
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await store.SaveAttemptAsync(i % 2 == 0 ? large : small, default);
            }

            await stop.CancelAsync();
        });
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var seen = Assert.Single(await store.LoadAttemptsAsync(default));
            Assert.True(seen == small || seen == large, "a read saw neither the old nor the new record");
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Leftovers_of_a_write_interrupted_by_a_crash_are_ignored_and_cleaned_up()
    {
        var store = new AgentStateStore(StateDirectory);
        var attempt = Attempt(1, pid: 4242);
        await store.SaveAttemptAsync(attempt, default);
        var leftover = Path.Combine(StateDirectory, "attempts", ".run-1.step-1.1.json.tmp-0123456789abcdef");
        await File.WriteAllTextAsync(leftover, "{\"attempt\": {\"runId\": \"ru");

        Assert.Equal([attempt], await store.LoadAttemptsAsync(default));
        _ = new AgentStateStore(StateDirectory);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task A_record_that_is_not_valid_JSON_is_reported_with_its_path()
    {
        var store = new AgentStateStore(StateDirectory);
        var path = Path.Combine(StateDirectory, "attempts", "run-1.step-1.1.json");
        await File.WriteAllTextAsync(path, "{ not json");

        var error = await Assert.ThrowsAsync<AgentStateCorruptException>(() => store.LoadAttemptsAsync(default));

        Assert.Equal(path, error.Path);
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
    }

    private static RunningAttempt Attempt(int number, int pid) =>
        new(new AttemptKey("run-1", "step-1", number), $"/work/run-1/step-1/{number}/workspace")
        {
            Process = new ProcessIdentity(pid, pid, 123456 + number, "boot-id"),
            AcknowledgedLogOffset = 0,
            StartedAt = new DateTimeOffset(2025, 1, 1, 0, 0, number, TimeSpan.Zero),
        };
}
