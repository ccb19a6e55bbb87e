using ControlPlane.Cli.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Completion;

/// <summary>
/// <c>cpctl completion bash</c> as a shell uses it: the script is sourced into a real bash with cpctl on PATH, bash's
/// completion variables are set as the shell sets them for the line typed, and the completion function runs cpctl's
/// <c>[suggest]</c> directive to fill COMPREPLY.
/// </summary>
public sealed class CompletionScriptTests : IDisposable
{
    private readonly TempDirectory _dir = new("cpctl-completion");

    [Fact]
    public async Task The_bash_script_is_valid_bash()
    {
        var script = await ScriptAsync("bash");

        await using var bash = ChildProcess.Start("bash", ["-n", script]);
        var exitCode = await bash.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, bash.Transcript);
    }

    [Theory]
    [InlineData("cpctl ru", "run", "runners", "runs")]
    [InlineData("cpctl runs get --out", "--output")]
    [InlineData("cpctl runs get 12 -o ", "json", "table")]
    [InlineData("cpctl runs list --state fail", "failed")]
    [InlineData("cpctl tokens c", "create")]
    [InlineData("cpctl completion b", "bash")]
    [InlineData("cpctl --server http://127.0.0.1:1 runs l", "list")]
    public async Task Bash_completes_commands_options_and_values_by_asking_cpctl(string typed, params string[] expected)
    {
        var candidates = await CompleteAsync(typed);

        Assert.Equal(expected, candidates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_shell_gets_a_script_that_asks_cpctls_suggest_directive()
    {
        foreach (var shell in new[] { "bash", "zsh", "fish" })
        {
            var text = await File.ReadAllTextAsync(await ScriptAsync(shell));

            Assert.Contains("cpctl \"[suggest:", text);
        }

        var unknown = await Cpctl.RunAsync(["completion", "powershell"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("cpctl: completion: SHELL: 'powershell' is not one of bash, zsh, fish", Assert.Single(unknown.ErrorLines));
    }

    public void Dispose() => _dir.Dispose();

    private async Task<string> ScriptAsync(string shell)
    {
        var result = await Cpctl.RunAsync(["completion", shell]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var path = _dir.Combine($"cpctl.{shell}");
        await File.WriteAllTextAsync(path, result.StandardOutput);
        return path;
    }

    /// <summary>What bash offers after <paramref name="typed"/> with the cursor at its end.</summary>
    private async Task<IReadOnlyList<string>> CompleteAsync(string typed)
    {
        var script = await ScriptAsync("bash");
        var bin = Directory.CreateDirectory(_dir.Combine("bin")).FullName;
        var cpctl = Path.Combine(bin, "cpctl");
        await File.WriteAllTextAsync(cpctl, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "cpctl.dll")}' \"$@\"\n");
        var driver = $$"""
            chmod +x '{{cpctl}}'
            source '{{script}}'
            complete -p cpctl >/dev/null || exit 9
            COMP_LINE="$1"
            COMP_POINT=${#COMP_LINE}
            read -r -a COMP_WORDS <<< "$COMP_LINE"
            [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _cpctl_complete cpctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var environment = Cpctl.Environment(new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" });
        await using var bash = ChildProcess.Start("bash", ["-c", driver, "complete-test", typed], null, environment);
        var exitCode = await bash.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, bash.Transcript);
        return bash.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
