using System.Globalization;
using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Commands;

/// <summary>Commands over the admin RPCs (runners, tokens) and the run RPCs retry and watch, against the real server.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class MergedRpcCommandTests(ControlPlaneFixture fixture)
{
    [Fact]
    public async Task Runners_list_shows_the_connected_agent_as_a_table_and_as_json()
    {
        var table = await fixture.CpctlAsync("runners", "list");
        var json = await fixture.CpctlAsync("runners", "list", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"(?m)^\d+\s+cli-runner\s+online\s+\d/2\s", table.StandardOutput);
        Assert.Contains(ListRunnersResponse.Parser.ParseJson(json.StandardOutput).Runners, r => r.Name == "cli-runner");
    }

    [Fact]
    public async Task Runners_drain_by_name_and_resume_again()
    {
        // A runner of its own: draining the shared agent would make it exit once idle, as a drained agent does.
        await fixture.RegisterRunnerAsync("cli-spare");

        var drained = await fixture.CpctlAsync("runners", "drain", "cli-spare");
        var resumed = await fixture.CpctlAsync("runners", "drain", "cli-spare", "--resume");

        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.Contains("draining", drained.StandardOutput);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("accepting work", resumed.StandardOutput);
    }

    [Fact]
    public async Task Tokens_are_created_listed_and_revoked()
    {
        var created = await fixture.CpctlAsync("tokens", "create", "cli-bot", "--role", "viewer", "--ttl", "30d", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var token = CreateApiTokenResponse.Parser.ParseJson(created.StandardOutput);
        Assert.NotEmpty(token.Secret);

        var listed = await fixture.CpctlAsync("tokens", "list");
        var revoked = await fixture.CpctlAsync("tokens", "revoke", token.Token.Id.ToString(CultureInfo.InvariantCulture));

        Assert.Matches($@"(?m)^{token.Token.Id}\s+cli-bot\s+viewer\s", listed.StandardOutput);
        Assert.DoesNotContain(token.Secret, listed.StandardOutput);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Contains("revoked", revoked.StandardOutput);
    }

    [Fact]
    public async Task Retry_runs_a_failed_run_again_as_its_next_attempt()
    {
        var failed = await fixture.CpctlAsync("run", "cli-fail", "--wait");
        var runId = RunIds.FromStarted(failed);

        var retried = await fixture.CpctlAsync("retry", runId.ToString(CultureInfo.InvariantCulture));

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains("as run attempt 2", retried.StandardOutput);
    }

    [Fact]
    public async Task Watch_prints_one_line_per_change_and_exits_with_the_runs_result()
    {
        var started = await fixture.CpctlAsync("run", "cli-ok");
        var runId = RunIds.FromStarted(started);

        var watched = await fixture.CpctlAsync("watch", runId.ToString(CultureInfo.InvariantCulture));

        Assert.True(watched.ExitCode == 0, $"{watched}\n{fixture.Transcript}");
        Assert.Matches(@"second succeeded \(attempt 1 on cli-runner, exit 0\)", watched.StandardOutput);
        Assert.Matches($@"run {runId} succeeded after", watched.StandardOutput);
    }

    [Fact]
    public async Task Watch_of_a_failed_run_exits_1()
    {
        var failed = await fixture.CpctlAsync("run", "cli-fail", "--wait");
        var runId = RunIds.FromStarted(failed);

        var watched = await fixture.CpctlAsync("watch", runId.ToString(CultureInfo.InvariantCulture));

        Assert.True(watched.ExitCode == 1, watched.ToString());
        Assert.Contains("boom failed", watched.StandardOutput);
    }
}
