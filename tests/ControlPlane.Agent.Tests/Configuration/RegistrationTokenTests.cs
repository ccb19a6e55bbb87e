using ControlPlane.Agent.Configuration;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Configuration;

/// <summary>
/// The registration token stays off the agent's command line (which every process on the machine, steps included,
/// reads in /proc): it comes from a file or the environment, and a flag value still works but draws a warning.
/// </summary>
public sealed class RegistrationTokenTests : IDisposable
{
    private readonly TempDirectory _dir = new("cp-agent-token");
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_token_is_read_from_a_file_named_by_flag_environment_or_config_file_without_a_warning()
    {
        var file = OwnerOnlyFile("token", "reg-from-file\n");
        var config = OwnerOnlyFile("agent.json", $$"""{ "server": "http://x:1", "registrationTokenFile": "{{file}}" }""");

        var byFlag = Load(["--server", "http://x:1", "--registration-token-file", file]);
        var byEnvironment = Load(["--server", "http://x:1"], new() { ["CP_REGISTRATION_TOKEN_FILE"] = file });
        var byConfig = Load(["--config", config]);

        Assert.All(new[] { byFlag, byEnvironment, byConfig }, o => Assert.Equal("reg-from-file", o.RegistrationToken));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void The_token_from_the_environment_draws_no_warning_and_one_on_the_command_line_does()
    {
        var fromEnvironment = Load(["--server", "http://x:1"], new() { ["CP_REGISTRATION_TOKEN"] = "reg-env" });
        Assert.Equal("reg-env", fromEnvironment.RegistrationToken);
        Assert.Empty(_warnings);

        var fromFlag = Load(["--server", "http://x:1", "--registration-token", "reg-flag"]);

        Assert.Equal("reg-flag", fromFlag.RegistrationToken);
        var warning = Assert.Single(_warnings);
        Assert.Contains("--registration-token puts the token on the command line", warning, StringComparison.Ordinal);
        Assert.Contains("--registration-token-file", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("reg-flag", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_others_can_read_works_but_draws_a_warning_naming_it()
    {
        var file = OwnerOnlyFile("token", "reg");
        File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.OtherRead);

        Load(["--server", "http://x:1", "--registration-token-file", file]);

        Assert.Equal($"--registration-token-file {file} is readable by every user of this machine; chmod 0600 it", Assert.Single(_warnings));
    }

    [Theory]
    [InlineData("missing", "does not exist or is not a file")]
    [InlineData("empty", "is empty (or not a regular file)")]
    [InlineData("newline-only", "holds no token")]
    [InlineData("two-lines", "holds byte 0x0a at offset 5; it must hold one line, the token")]
    [InlineData("space", "holds byte 0x20 at offset 3")]
    [InlineData("nul", "holds byte 0x00 at offset 3")]
    [InlineData("escape", "holds byte 0x1b at offset 0")]
    [InlineData("utf8", "holds byte 0xc3 at offset 3")]
    [InlineData("huge", "has 5000 bytes, over 4096; it should hold only the token")]
    [InlineData("directory", "does not exist or is not a file")]
    [InlineData("/dev/zero", "is empty (or not a regular file)")]
    [InlineData("fifo", "is empty (or not a regular file)")]
    public void A_hostile_token_file_is_refused_naming_the_file_and_what_is_wrong(string kind, string expected)
    {
        var path = kind switch
        {
            "missing" => _dir.Combine("nope"),
            "empty" => OwnerOnlyFile("t", ""),
            "newline-only" => OwnerOnlyFile("t", "\n"),
            "two-lines" => OwnerOnlyFile("t", "first\nsecond\n"),
            "space" => OwnerOnlyFile("t", "abc def"),
            "nul" => OwnerOnlyFile("t", "abc\0def"),
            "escape" => OwnerOnlyFile("t", "\u001b[2Jabc"),
            "utf8" => OwnerOnlyFile("t", "abcé"),
            "huge" => OwnerOnlyFile("t", new string('a', 5000)),
            "directory" => Directory.CreateDirectory(_dir.Combine("d")).FullName,
            "fifo" => MakeFifo(_dir.Combine("fifo")),
            _ => kind,
        };

        var error = Assert.Throws<AgentUsageException>(() => Load(["--server", "http://x:1", "--registration-token-file", path]));

        Assert.StartsWith("--registration-token-file: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_beside_a_token_from_another_source_is_refused_so_it_is_clear_which_one_is_used()
    {
        var file = OwnerOnlyFile("token", "reg");

        var error = Assert.Throws<AgentUsageException>(() => Load(["--server", "http://x:1", "--registration-token-file", file], new() { ["CP_REGISTRATION_TOKEN"] = "other" }));

        Assert.Contains("--registration-token-file and --registration-token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other", error.Message.Replace("another", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private AgentOptions Load(string[] args, Dictionary<string, string>? environment = null) =>
        AgentConfiguration.Load(args, name => environment?.GetValueOrDefault(name), _warnings.Add);

    private string OwnerOnlyFile(string name, string content)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
