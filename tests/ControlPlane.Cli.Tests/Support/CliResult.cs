namespace ControlPlane.Cli.Tests.Support;

/// <summary>What one cpctl process did: its exit code and both streams.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The stderr lines, for "exactly one line" checks.</summary>
    public IReadOnlyList<string> ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Both streams, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";
}
