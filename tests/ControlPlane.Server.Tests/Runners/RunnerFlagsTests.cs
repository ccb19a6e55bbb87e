using ControlPlane.Server.Hosting;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>The runner protocol's flags and their CP_* twins.</summary>
public sealed class RunnerFlagsTests
{
    [Fact]
    public void Registration_tokens_repeat_as_flags_and_are_comma_separated_in_the_environment()
    {
        var flags = ServerFlags.FromArguments(["--registration-token", "one", "--registration-token=two", "--secrets-file", "/etc/cp/secrets.json"]);
        var environment = ServerFlags.FromEnvironment(name => name switch
        {
            "CP_REGISTRATION_TOKEN" => "alpha, beta",
            "CP_SECRETS_FILE" => "/run/secrets.json",
            _ => null,
        });

        Assert.Equal(["one", "two"], ServerFlags.RepeatedValues(flags, "Runners:RegistrationTokens"));
        Assert.Equal("/etc/cp/secrets.json", flags["Runners:SecretsFile"]);
        Assert.Equal(["alpha", "beta"], ServerFlags.RepeatedValues(environment, "Runners:RegistrationTokens"));
        Assert.Equal("/run/secrets.json", environment["Runners:SecretsFile"]);
    }

    [Fact]
    public void The_usage_lists_the_runner_flags()
    {
        Assert.Contains("--registration-token", ServerFlags.Usage, StringComparison.Ordinal);
        Assert.Contains("CP_SECRETS_FILE", ServerFlags.Usage, StringComparison.Ordinal);
    }
}
