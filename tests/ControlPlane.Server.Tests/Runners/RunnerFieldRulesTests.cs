using ControlPlane.Server.Runners;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>The plain rules and lookups behind Register: names, labels, capacity, registration tokens, secrets.</summary>
public sealed class RunnerFieldRulesTests
{
    [Theory]
    [InlineData("build-1")]
    [InlineData("a")]
    [InlineData("Gpu_Box.2")]
    public void Names_of_letters_digits_dots_underscores_and_dashes_are_accepted(string name) => RunnerFieldRules.CheckName(name);

    [Theory]
    [InlineData("ümlaut", "character 'ü' at 0")]
    [InlineData("a/b", "character '/' at 1")]
    [InlineData(".hidden", "must start with a letter or digit")]
    public void Other_names_are_refused_saying_what_is_wrong(string name, string problem)
    {
        var error = Assert.Throws<InvalidRunnerFieldException>(() => RunnerFieldRules.CheckName(name));

        Assert.Equal("name", error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capacity_above_the_limit_is_refused()
    {
        var error = Assert.Throws<InvalidRunnerFieldException>(() => RunnerFieldRules.CheckCapacity(RunnerFieldRules.MaxCapacity + 1));

        Assert.Equal("capacity", error.Field);
    }

    [Fact]
    public async Task Only_the_configured_registration_tokens_are_valid_and_an_empty_one_never_is()
    {
        var tokens = new StaticRegistrationTokens(Options.Create(new RunnerProtocolOptions { RegistrationTokens = ["alpha", "beta", ""] }));

        Assert.True(await tokens.IsValidAsync("alpha", CancellationToken.None));
        Assert.True(await tokens.IsValidAsync("beta", CancellationToken.None));
        Assert.False(await tokens.IsValidAsync("alph", CancellationToken.None));
        Assert.False(await tokens.IsValidAsync("alphaa", CancellationToken.None));
        Assert.False(await tokens.IsValidAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task No_configured_tokens_means_no_registration()
    {
        var tokens = new StaticRegistrationTokens(Options.Create(new RunnerProtocolOptions()));

        Assert.False(await tokens.IsValidAsync("anything", CancellationToken.None));
    }

    [Theory]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{\"A\": null}", "value of 'A' must be a string")]
    [InlineData("{not json", "not valid JSON")]
    public void A_secrets_file_that_is_not_an_object_of_strings_is_refused_naming_the_problem(string content, string problem)
    {
        using var directory = new Testing.TempDirectory();
        var path = directory.Combine("secrets.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<SecretsFileException>(() => SecretValues.Load(path));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secrets_file_is_refused_and_none_given_means_no_secrets()
    {
        Assert.Throws<SecretsFileException>(() => SecretValues.Load("/nonexistent/secrets.json"));
        Assert.Equal(0, SecretValues.Load(null).Count);
    }
}
