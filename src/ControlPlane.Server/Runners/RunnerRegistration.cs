using System.Net;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Auth;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Runners;

/// <summary>Exchanges a registration token for a new runner and its runner token (of which only the hash is kept).</summary>
public sealed class RunnerRegistration
{
    private readonly IStore _store;
    private readonly IRegistrationTokenValidator _tokens;
    private readonly AuthFailureLimiter _failures;
    private readonly ILogger<RunnerRegistration> _logger;

    public RunnerRegistration(IStore store, IRegistrationTokenValidator tokens, AuthFailureLimiter failures, ILogger<RunnerRegistration> logger)
    {
        _store = store;
        _tokens = tokens;
        _failures = failures;
        _logger = logger;
    }

    /// <returns>The new runner and the token it authenticates with; the token is not stored and cannot be shown again.</returns>
    /// <param name="client">The caller's address, for throttling failed attempts (<see cref="AuthFailureLimiter"/>).</param>
    /// <exception cref="AuthThrottledException">The address failed too often lately; the token was not looked at.</exception>
    /// <exception cref="RunnerAuthenticationException">The registration token is not accepted (checked first).</exception>
    /// <exception cref="InvalidRunnerFieldException">The name, a label or the capacity is unusable.</exception>
    /// <exception cref="DuplicateRunnerNameException">A runner with this name exists.</exception>
    public async Task<(RunnerRecord Runner, string Token)> RegisterAsync(string registrationToken, string name, IReadOnlyList<string> labels, int capacity, IPAddress? client, CancellationToken cancellationToken)
    {
        _failures.ThrowIfThrottled(client);
        if (!await _tokens.IsValidAsync(registrationToken, cancellationToken))
        {
            _failures.RecordFailure(client);
            RunnerProtocolLog.RegistrationRefused(_logger, name);
            throw new RunnerAuthenticationException("The registration token is not valid.");
        }

        RunnerFieldRules.CheckName(name);
        RunnerFieldRules.CheckLabels(labels);
        RunnerFieldRules.CheckCapacity(capacity);
        var token = RunnerTokens.Issue();
        await using var unit = await _store.BeginAsync(cancellationToken);
        var runner = await unit.Runners.RegisterAsync(new NewRunner(name, token.Hash, labels, capacity), cancellationToken);
        await unit.CommitAsync(cancellationToken);
        RunnerProtocolLog.Registered(_logger, runner.Id.Value, runner.Name, runner.Capacity);
        return (runner, token.Token);
    }
}
