using ControlPlane.Cli.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Configuration;

/// <summary>
/// cpctl as a process reading its settings from flags, CP_* variables and the config file: one precedence, one grammar,
/// and a bad value stops it with one line naming where the value came from and exit code 2. No server listens on the
/// addresses used, so a command that got past its settings says it cannot reach the server it chose (exit 3).
/// </summary>
public sealed class SettingSourcesTests : IDisposable
{
    private readonly TempDirectory _dir = new("cpctl-sources");

    [Fact]
    public async Task A_bad_duration_names_the_flag_the_variable_or_the_config_key_it_came_from()
    {
        var config = Config("""{"timeout": "10 minutes"}""");

        var flag = await Cpctl.RunAsync(["runs", "list", "--server", "http://127.0.0.1:1", "--timeout", "90"]);
        var environment = await Cpctl.RunAsync(["runs", "list", "--server", "http://127.0.0.1:1"], Variables(("CP_TIMEOUT", "1h30")));
        var file = await Cpctl.RunAsync(["runs", "list", "--server", "http://127.0.0.1:1"], Variables(("CP_CONFIG", config)));

        AssertUsageError("cpctl: runs list: --timeout: invalid duration '90'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m", flag);
        AssertUsageError("cpctl: CP_TIMEOUT: invalid duration '1h30'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m", environment);
        AssertUsageError($"cpctl: config file '{config}' key \"timeout\": invalid duration '10 minutes'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m", file);
    }

    [Fact]
    public async Task A_bad_server_or_boolean_names_its_source_too()
    {
        var config = Config("""{"server": "127.0.0.1:7700"}""");

        var file = await Cpctl.RunAsync(["runs", "list"], Variables(("CP_CONFIG", config)));
        var environment = await Cpctl.RunAsync(["runs", "list"], Variables(("CP_SERVER", "http://127.0.0.1:1"), ("CP_ALLOW_CLEARTEXT", "sure")));
        var unknownKey = await Cpctl.RunAsync(["runs", "list"], Variables(("CP_CONFIG", Config("""{"timeout": "5s", "timout": "5s"}"""))));

        AssertUsageError($"cpctl: config file '{config}' key \"server\": server address '127.0.0.1:7700' is not an http:// or https:// URL", file);
        AssertUsageError("cpctl: CP_ALLOW_CLEARTEXT: 'sure' is not true or false", environment);
        Assert.Equal(2, unknownKey.ExitCode);
        Assert.Contains("timout", Assert.Single(unknownKey.ErrorLines));
    }

    [Fact]
    public async Task Flags_win_over_the_environment_which_wins_over_the_config_file()
    {
        var config = Config("""{"server": "http://127.0.0.1:2", "timeout": "never"}""");
        var all = Variables(("CP_CONFIG", config), ("CP_SERVER", "http://127.0.0.1:3"), ("CP_TIMEOUT", "20s"));
        var fileAndFlag = Variables(("CP_CONFIG", config));

        var fromFlag = await Cpctl.RunAsync(["--server", "http://127.0.0.1:4", "runs", "list"], all);
        var fromEnvironment = await Cpctl.RunAsync(["runs", "list"], all);
        var fromFile = await Cpctl.RunAsync(["runs", "list", "--timeout", "20s"], fileAndFlag);

        AssertUnreachable("http://127.0.0.1:4", fromFlag);
        AssertUnreachable("http://127.0.0.1:3", fromEnvironment);
        AssertUnreachable("http://127.0.0.1:2", fromFile);
    }

    [Fact]
    public async Task The_timeout_bounds_each_request_to_a_server_that_never_answers()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await silent.AcceptTcpClientAsync(stop.Token));
            }
        });
        var server = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}";

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Cpctl.RunAsync(["runs", "list", "--server", server, "--timeout", "1s500ms"]);
        var took = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAny(accepting);
        held.ForEach(c => c.Dispose());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal($"cpctl: the server at {server} did not answer in time", Assert.Single(result.ErrorLines));
        Assert.True(took >= TimeSpan.FromSeconds(1.5) && took < TimeSpan.FromSeconds(25), $"took {took}, the default timeout is 30s");
    }

    [Fact]
    public async Task An_offline_command_does_not_read_the_settings()
    {
        var workflow = _dir.Combine("ok.yaml");
        await File.WriteAllTextAsync(workflow, TestWorkflows.Succeeding);

        var result = await Cpctl.RunAsync(["validate", workflow], Variables(("CP_TIMEOUT", "soon")));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => _dir.Dispose();

    private static void AssertUsageError(string expected, CliResult result)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
        Assert.Empty(result.StandardOutput);
    }

    private static void AssertUnreachable(string server, CliResult result)
    {
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith($"cpctl: cannot reach the server at {server}", Assert.Single(result.ErrorLines));
    }

    private static Dictionary<string, string> Variables(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    private string Config(string json)
    {
        var path = _dir.Combine($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
