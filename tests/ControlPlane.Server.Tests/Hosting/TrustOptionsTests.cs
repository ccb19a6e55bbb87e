using System.Text.Json;
using ControlPlane.Server.Hosting;
using ControlPlane.Testing;
using Microsoft.AspNetCore.Builder;

namespace ControlPlane.Server.Tests.Hosting;

/// <summary>Settings of the trust boundaries that are refused at start with one clear line: short registration tokens, bad throttle and replay settings.</summary>
public sealed class TrustOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new("cp-trust-options");

    [Fact]
    public async Task A_static_registration_token_shorter_than_16_characters_is_refused_without_echoing_it()
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => BuildAsync("--registration-token", "0123456789abcdef", "--registration-token", "tiny-tok"));

        Assert.Equal(
            "--registration-token: a static registration token must be at least 16 characters, one has 8; generate one with 'openssl rand -hex 16' (only --dev accepts shorter ones)",
            error.Message);
        Assert.DoesNotContain("tiny-tok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sixteen_characters_are_enough_and_dev_mode_accepts_shorter_ones()
    {
        await using var sixteen = await BuildAsync("--registration-token", "0123456789abcdef");
        await using var dev = await BuildAsync("--dev", "--registration-token", "dev");

        Assert.NotNull(sixteen);
        Assert.NotNull(dev);
    }

    [Theory]
    [InlineData("""{"Auth": {"FailureLimit": 0}}""", "Auth:FailureLimit: must be at least 1, got 0")]
    [InlineData("""{"Auth": {"FailureWindow": "00:00:00.500"}}""", "Auth:FailureWindow: must be between 1 second and 1 day, got 00:00:00.5000000")]
    [InlineData("""{"Webhooks": {"ReplayWindow": "00:00:30"}}""", "Webhooks:ReplayWindow: must be between 1 minute and 30 days, got 00:00:30")]
    [InlineData("""{"Webhooks": {"ReplayWindow": "31.00:00:00"}}""", "Webhooks:ReplayWindow: must be between 1 minute and 30 days, got 31.00:00:00")]
    public async Task Throttle_and_replay_settings_out_of_range_are_refused(string config, string expected)
    {
        var file = _directory.Combine("server.json");
        await File.WriteAllTextAsync(file, JsonDocument.Parse(config).RootElement.GetRawText());

        var error = await Assert.ThrowsAsync<UsageException>(() => BuildAsync("--config", file));

        Assert.Equal(expected, error.Message);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<WebApplication> BuildAsync(params string[] flags) =>
        await ServerHost.BuildAsync(["--listen", "http://127.0.0.1:0", "--data-dir", _directory.Combine("data-" + Guid.NewGuid().ToString("N")), .. flags], CancellationToken.None);
}
