using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Storage;

namespace ControlPlane.Agent.State;

/// <summary>
/// The agent's state directory (mode 0700): <c>runner.json</c> (runner id and token, mode 0600, one file so they
/// change together) and <c>attempts/{run}.{step}.{attempt}.json</c>, one per attempt started and not yet finished.
/// Every file is replaced atomically (temporary file, fsync, rename, directory fsync), so after a crash each holds
/// either its previous or its new content. Safe for concurrent use on different attempts; writes of the same attempt
/// should come from one place (the attempt's own task).
/// </summary>
public sealed class AgentStateStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;
    private const UnixFileMode OthersMask = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _attempts;

    /// <summary>
    /// Opens (creating if needed) the state directory and removes temporary files a crash left. The directory and its
    /// <c>attempts</c> and <c>spool</c> directories are set to 0700 whatever the umask or an earlier mode was.
    /// </summary>
    /// <exception cref="AgentStateCorruptException">The directory is a shared one (sticky or writable by everyone, such as /tmp).</exception>
    public AgentStateStore(string directory)
    {
        Directory = OwnDirectory(directory);
        _attempts = OwnDirectory(System.IO.Path.Combine(Directory, "attempts"));
        OwnDirectory(System.IO.Path.Combine(Directory, "spool"));
        AtomicFile.DeleteTemporaries(Directory);
        AtomicFile.DeleteTemporaries(_attempts);
    }

    public string Directory { get; }

    private string RunnerPath => System.IO.Path.Combine(Directory, "runner.json");

    /// <summary>The registration, or null when this agent has not registered yet.</summary>
    /// <exception cref="AgentStateCorruptException">Unreadable, or readable by group or others.</exception>
    public async Task<RunnerIdentity?> LoadRunnerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(RunnerPath))
        {
            return null;
        }

        if ((File.GetUnixFileMode(RunnerPath) & OthersMask) != 0)
        {
            throw new AgentStateCorruptException(RunnerPath, "the runner token is readable by others; fix the mode (0600) or re-register");
        }

        return await ReadAsync(RunnerPath, AgentJsonContext.Default.RunnerIdentity, cancellationToken);
    }

    /// <summary>Stores the registration (mode 0600).</summary>
    public Task SaveRunnerAsync(RunnerIdentity runner, CancellationToken cancellationToken) =>
        WriteAsync(RunnerPath, runner, AgentJsonContext.Default.RunnerIdentity, cancellationToken);

    /// <summary>
    /// Awaited before each attempt record is written; null except in tests, which hold a save here to reproduce what
    /// races it (a fence or cancel arriving while a start is being recorded).
    /// </summary>
    internal Func<RunningAttempt, Task>? BeforeAttemptSave { get; init; }

    /// <summary>Records (or replaces) an attempt; call before reporting it started.</summary>
    public async Task SaveAttemptAsync(RunningAttempt attempt, CancellationToken cancellationToken)
    {
        if (BeforeAttemptSave is { } hold)
        {
            await hold(attempt);
        }

        await WriteAsync(AttemptPath(attempt.Attempt), attempt, AgentJsonContext.Default.RunningAttempt, cancellationToken);
    }

    /// <summary>Every recorded attempt, oldest first: what to reattach to or clean up after a restart.</summary>
    /// <exception cref="AgentStateCorruptException">A record is unreadable.</exception>
    public async Task<IReadOnlyList<RunningAttempt>> LoadAttemptsAsync(CancellationToken cancellationToken)
    {
        var attempts = new List<RunningAttempt>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_attempts, "*.json"))
        {
            if (!System.IO.Path.GetFileName(path).StartsWith('.') && await ReadAsync(path, AgentJsonContext.Default.RunningAttempt, cancellationToken) is { } attempt)
            {
                attempts.Add(attempt);
            }
        }

        return [.. attempts.OrderBy(a => a.StartedAt)];
    }

    /// <summary>Forgets a finished attempt. Idempotent.</summary>
    public Task RemoveAttemptAsync(AttemptKey attempt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = AttemptPath(attempt);
        if (File.Exists(path))
        {
            File.Delete(path);
            Native.Libc.SyncDirectory(_attempts);
        }

        return Task.CompletedTask;
    }

    private static string OwnDirectory(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Directory.Exists(full) && (File.GetUnixFileMode(full) & (UnixFileMode.StickyBit | UnixFileMode.OtherWrite)) != 0)
        {
            throw new AgentStateCorruptException(full, "it is a shared directory (sticky or writable by everyone); give the agent a state directory of its own");
        }

        System.IO.Directory.CreateDirectory(full, OwnerOnlyDirectory);
        File.SetUnixFileMode(full, OwnerOnlyDirectory);
        return full;
    }

    private string AttemptPath(AttemptKey attempt) => System.IO.Path.Combine(_attempts, attempt.FileStem + ".json");

    private static Task WriteAsync<T>(string path, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, type), OwnerOnlyFile, cancellationToken);

    private static async Task<T?> ReadAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
                ?? throw new AgentStateCorruptException(path, "it holds null");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new AgentStateCorruptException(path, "it is not valid state JSON", ex);
        }
        catch (FileNotFoundException)
        {
            // Removed between listing and reading: the attempt just finished.
            return null;
        }
    }
}
