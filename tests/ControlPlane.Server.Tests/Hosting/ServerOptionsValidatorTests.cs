using ControlPlane.Server.Hosting;

namespace ControlPlane.Server.Tests.Hosting;

public class ServerOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid_and_listen_on_loopback()
    {
        var options = new ServerOptions();

        Assert.True(new ServerOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(["http://127.0.0.1:7700"], options.EffectiveListen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_step_limit_below_one_is_reported_with_its_flag(int limit)
    {
        var options = new ServerOptions { MaxStepsPerRun = limit };

        var result = new ServerOptionsValidator().Validate(null, options);

        Assert.Equal([$"--max-steps-per-run: must be at least 1, got {limit}"], result.Failures);
    }

    [Fact]
    public async Task A_step_limit_that_is_not_a_number_stops_the_start_naming_the_setting()
    {
        using var directory = new Testing.TempDirectory();

        var error = await Assert.ThrowsAsync<UsageException>(() => ServerHost.BuildAsync(["--data-dir", directory.Combine("data"), "--max-steps-per-run", "10k"], CancellationToken.None));

        Assert.Equal("--max-steps-per-run: '10k' is not a whole number", error.Message);
    }

    [Fact]
    public void An_https_listener_without_certificate_and_key_reports_both()
    {
        var options = new ServerOptions { Listen = { "https://127.0.0.1:0" } };

        var result = new ServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("--tls-cert: missing", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("--tls-key: missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_address_is_reported_not_only_the_first()
    {
        var options = new ServerOptions { Listen = { "nope", "http://127.0.0.1" } };

        var result = new ServerOptionsValidator().Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void A_data_directory_that_cannot_be_written_is_a_usage_error()
    {
        using var directory = new Testing.TempDirectory();
        var blocker = directory.Combine("file");
        File.WriteAllText(blocker, "not a directory");

        var error = Assert.Throws<UsageException>(() => DataDirectory.Prepare(Path.Combine(blocker, "data")));

        Assert.StartsWith("--data-dir: cannot write to", error.Message, StringComparison.Ordinal);
    }
}
