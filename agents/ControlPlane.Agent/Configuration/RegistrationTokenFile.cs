using System.Text;

namespace ControlPlane.Agent.Configuration;

/// <summary>
/// Reads <c>--registration-token-file</c>: one line holding the token (a trailing newline is fine), at most
/// <see cref="MaxBytes"/> bytes, printable ASCII without spaces. Giving it beside a token from another source is an
/// error, so it is always clear which token was used.
/// </summary>
internal static class RegistrationTokenFile
{
    public const int MaxBytes = 4096;

    private const UnixFileMode OthersRead = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <exception cref="AgentUsageException">Both sources are given, or the file is missing, empty, too big or holds more than a token.</exception>
    public static void Apply(AgentOptions options, Action<string>? warn)
    {
        if (options.RegistrationTokenFile is not { } path)
        {
            return;
        }

        if (!string.IsNullOrEmpty(options.RegistrationToken))
        {
            throw new AgentUsageException("--registration-token-file and --registration-token (or CP_REGISTRATION_TOKEN, \"registrationToken\") are both given; give one");
        }

        options.RegistrationToken = Read(path);
        if ((File.GetUnixFileMode(path) & OthersRead) != 0)
        {
            warn?.Invoke($"--registration-token-file {path} is readable by every user of this machine; chmod 0600 it");
        }
    }

    private static string Read(string path)
    {
        byte[] content;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new AgentUsageException($"--registration-token-file: {path} does not exist or is not a file");
            }

            // A FIFO or a device reports length 0, so it is refused here too, before a read could block or run on.
            if (info.Length == 0)
            {
                throw new AgentUsageException($"--registration-token-file: {path} is empty (or not a regular file)");
            }

            if (info.Length > MaxBytes)
            {
                throw new AgentUsageException($"--registration-token-file: {path} has {info.Length} bytes, over {MaxBytes}; it should hold only the token");
            }

            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentUsageException($"--registration-token-file: cannot read {path}: {e.Message}", e);
        }

        var text = Encoding.ASCII.GetString(content).TrimEnd('\n', '\r');
        for (var i = 0; i < text.Length; i++)
        {
            if (content[i] is <= 0x20 or >= 0x7f)
            {
                throw new AgentUsageException($"--registration-token-file: {path} holds byte 0x{content[i]:x2} at offset {i}; it must hold one line, the token, in printable ASCII without spaces");
            }
        }

        return text.Length > 0 ? text : throw new AgentUsageException($"--registration-token-file: {path} holds no token");
    }
}
