using System.Text.RegularExpressions;

namespace ControlPlane.Agent.Configuration;

/// <summary>Checks the options once at start, so a bad value stops the agent with a message instead of failing later.</summary>
internal static partial class AgentOptionsValidator
{
    /// <exception cref="AgentUsageException">The first problem found.</exception>
    public static void Validate(AgentOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Server))
        {
            throw new AgentUsageException("--server is required (env CP_SERVER), e.g. --server http://127.0.0.1:7700");
        }

        if (!Uri.TryCreate(options.Server, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new AgentUsageException($"--server: '{options.Server}' is not an http:// or https:// address");
        }

        if (!NamePattern().IsMatch(options.Name))
        {
            throw new AgentUsageException($"--name: '{options.Name}' is not a valid runner name: use 1-64 letters, digits, '.', '_' or '-'");
        }

        foreach (var label in options.Labels)
        {
            if (!NamePattern().IsMatch(label))
            {
                throw new AgentUsageException($"--labels: '{label}' is not a valid label: use 1-64 letters, digits, '.', '_' or '-'");
            }
        }

        if (options.Capacity is < 1 or > 1024)
        {
            throw new AgentUsageException($"--capacity: must be between 1 and 1024, got {options.Capacity}");
        }

        if (options.LogFormat is not ("console" or "json"))
        {
            throw new AgentUsageException($"--log-format: must be console or json, got '{options.LogFormat}'");
        }

        if (!Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(options.LogLevel, ignoreCase: true, out _))
        {
            throw new AgentUsageException($"--log-level: must be Trace, Debug, Information, Warning or Error, got '{options.LogLevel}'");
        }

        if (options.CaCertificate is { } ca && !File.Exists(ca))
        {
            throw new AgentUsageException($"--ca-cert: {ca} does not exist");
        }

        if (options.StepUser is { } stepUser)
        {
            options.StepAccount = ValidateStepUser(stepUser);
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            throw new AgentUsageException("reconnect delays must be positive, the maximum at least the minimum");
        }
    }

    private static Executors.StepUser ValidateStepUser(string name)
    {
        var (user, problem) = Executors.StepUser.Resolve(name);
        if (user is null)
        {
            throw new AgentUsageException($"--step-user: {problem}");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new AgentUsageException($"--step-user: the agent runs as uid {Native.Libc.EffectiveUserId()}, not root, so it cannot start steps as {user.Name}; run it as root or drop --step-user");
        }

        if (!Executors.Shell.StepUserCommand.IsAvailable())
        {
            throw new AgentUsageException($"--step-user: setpriv (util-linux) was not found in PATH; it starts the steps as {user.Name}");
        }

        return user;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
