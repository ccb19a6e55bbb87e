using ControlPlane.Contracts.V1;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Tests.Runners.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>Register: a registration token buys a runner and its runner token, of which only the hash is kept.</summary>
public sealed class RegistrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_valid_registration_stores_the_runner_with_only_the_hash_of_its_token()
    {
        await using var server = await RunnerTestServer.StartAsync(output);

        var response = await server.RegisterAsync("build-1", 2, "linux", "x64");

        var runner = await server.ReadAsync(unit => unit.Runners.FindByTokenHashAsync(RunnerTokens.Hash(response.RunnerToken), server.Ct));
        Assert.NotNull(runner);
        Assert.Equal((response.RunnerId, "build-1", 2), (runner.Id.Value, runner.Name, runner.Capacity));
        Assert.Equal(["linux", "x64"], runner.Labels);
        Assert.StartsWith("cpr_", response.RunnerToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_registration_token_is_unauthenticated_and_registers_nothing()
    {
        await using var server = await RunnerTestServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.RegisterAsync(
            new RegisterRequest { RegistrationToken = RunnerTestServer.RegistrationToken + "x", Name = "r", Capacity = 1 }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Empty(await server.ReadAsync(unit => unit.Runners.ListAsync(server.Ct)));
    }

    [Fact]
    public async Task Any_of_several_registration_tokens_is_accepted()
    {
        await using var server = await RunnerTestServer.StartAsync(output, "--registration-token", "second-token");

        var response = await server.Client.RegisterAsync(new RegisterRequest { RegistrationToken = "second-token", Name = "r", Capacity = 1 }, cancellationToken: server.Ct);

        Assert.True(response.RunnerId > 0);
    }

    [Fact]
    public async Task A_name_already_registered_is_already_exists()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        await server.RegisterAsync("build-1");

        var error = await Assert.ThrowsAsync<RpcException>(() => server.RegisterAsync("build-1"));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("build-1", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, new string[0], "name")]
    [InlineData("has space", 1, new string[0], "name")]
    [InlineData("-leading-dash", 1, new string[0], "name")]
    [InlineData("r", 0, new string[0], "capacity")]
    [InlineData("r", -3, new string[0], "capacity")]
    [InlineData("r", 1, new[] { "linux", "" }, "labels[1]")]
    [InlineData("r", 1, new[] { "linux", "linux" }, "labels[1]")]
    [InlineData("r", 1, new[] { "a b" }, "labels[0]")]
    public async Task Unusable_fields_are_invalid_argument_naming_the_field(string name, int capacity, string[] labels, string field)
    {
        await using var server = await RunnerTestServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.RegisterAsync(name, capacity, labels));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await server.ReadAsync(unit => unit.Runners.ListAsync(server.Ct)));
    }

    [Fact]
    public async Task A_name_longer_than_64_characters_is_refused()
    {
        await using var server = await RunnerTestServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.RegisterAsync(new string('a', 65)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("at most 64", error.Status.Detail, StringComparison.Ordinal);
    }
}
