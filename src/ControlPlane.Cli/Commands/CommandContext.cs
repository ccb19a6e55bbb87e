using ControlPlane.Cli.Api;
using ControlPlane.Cli.Configuration;
using ControlPlane.Cli.Output;

namespace ControlPlane.Cli.Commands;

/// <summary>What a command runs with: the console, the settings, a lazily opened connection, and the clock.</summary>
internal sealed class CommandContext : IDisposable
{
    private readonly Func<CliSettings> _settings;
    private ApiConnection? _connection;

    public CommandContext(CliConsole console, Func<CliSettings> settings, TimeProvider time)
    {
        Console = console;
        _settings = settings;
        Time = time;
    }

    public CliConsole Console { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// The connection to the server, opened on first use so offline commands never read the settings. Opening it to a
    /// plain http:// server on another host prints the cleartext warning once, on stderr.
    /// </summary>
    public ApiConnection Api => _connection ??= Open(_settings());

    private ApiConnection Open(CliSettings settings)
    {
        if (settings.CleartextWarning is { } warning)
        {
            Console.Note(warning);
        }

        return new ApiConnection(settings);
    }

    public void Dispose() => _connection?.Dispose();
}
