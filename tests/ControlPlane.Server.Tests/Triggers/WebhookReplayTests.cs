using ControlPlane.Server.Tests.Triggers.Support;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;
using ApiTokenRole = ControlPlane.Contracts.V1.ApiTokenRole;

namespace ControlPlane.Server.Tests.Triggers;

/// <summary>A signed body sent again within the replay window, under any delivery id, is a redelivery: it starts no run.</summary>
public sealed class WebhookReplayTests(ITestOutputHelper output)
{
    private const string Push = """{"ref": "refs/heads/main", "after": "abc123", "pusher": {"name": "ada"}}""";

    [Fact]
    public async Task A_replayed_signed_body_answers_200_with_the_first_run_whatever_its_delivery_id()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");

        var first = await server.PostAsync("deploy", Push, deliveryId: "d-1");
        var newId = await server.PostAsync("deploy", Push, deliveryId: "d-2");
        var noId = await server.PostAsync("deploy", Push, http2: true);
        var githubId = await server.PostAsync("deploy", Push, deliveryId: "d-3", deliveryHeader: "X-GitHub-Delivery");
        var otherBody = await server.PostAsync("deploy", Push.Replace("abc123", "abc124", StringComparison.Ordinal), deliveryId: "d-4");

        Assert.Equal((201, 200, 200, 200, 201), (first.Status, newId.Status, noId.Status, githubId.Status, otherBody.Status));
        Assert.All([newId, noId, githubId], replay => Assert.Equal(first.RunId, replay.RunId));
        Assert.All([newId, noId, githubId], replay => Assert.False(replay.Body.GetProperty("created").GetBoolean()));
        Assert.NotEqual(first.RunId, otherBody.RunId);
        Assert.Equal(2, (await server.RunsAsync("deploy")).Count);
    }

    [Fact]
    public async Task Identical_signed_bodies_sent_at_once_start_one_run()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => server.PostAsync("deploy", Push, http2: i % 2 == 0, deliveryId: $"burst-{i}")));

        Assert.Equal([200, 200, 200, 200, 200, 200, 200, 201], answers.Select(a => a.Status).Order());
        Assert.Single(answers.Select(a => a.RunId).Distinct());
        Assert.Single(await server.RunsAsync("deploy"));
    }

    [Fact]
    public async Task A_replayed_body_the_filter_refused_starts_nothing_even_after_the_filter_changes()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("release", "startsWith(event.ref, 'refs/tags/')");
        var refused = await server.PostAsync("release", Push, deliveryId: "r-1");

        await server.ApplyAsync("release", "true");
        var replay = await server.PostAsync("release", Push, deliveryId: "r-2");

        Assert.Equal((202, 202), (refused.Status, replay.Status));
        Assert.False(replay.Body.GetProperty("started").GetBoolean());
        Assert.Contains("an identical signed delivery was received at", replay.Body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("release"));
    }

    [Fact]
    public async Task A_replay_is_recognised_after_a_restart()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var first = await server.PostAsync("deploy", Push, deliveryId: "before");

        await server.Api.RestartAsync();
        var replay = await server.PostAsync("deploy", Push, deliveryId: "after");

        Assert.Equal((200, first.RunId), (replay.Status, replay.RunId));
        Assert.Single(await server.RunsAsync("deploy"));
    }

    [Fact]
    public async Task Operator_token_deliveries_are_not_deduplicated_by_body()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var operatorToken = (await CreateAsync(server.Api.Channel, server.Admin, ApiTokenRole.Operator, "ci", server.Ct)).Secret;

        var first = await server.PostAsync("deploy", Push, signature: null, bearer: operatorToken);
        var second = await server.PostAsync("deploy", Push, signature: null, bearer: operatorToken);

        Assert.Equal((201, 201), (first.Status, second.Status));
        Assert.Equal(2, (await server.RunsAsync("deploy")).Count);
    }

    [Fact]
    public async Task A_replay_with_a_forged_signature_is_refused_not_answered_as_a_redelivery()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var first = await server.PostAsync("deploy", Push, deliveryId: "d-1");

        var forged = await server.PostAsync("deploy", Push, signature: "sha256=" + new string('0', 64), deliveryId: "d-2");

        Assert.Equal((201, 401), (first.Status, forged.Status));
        Assert.False(forged.Body.TryGetProperty("run_id", out _));
    }
}
