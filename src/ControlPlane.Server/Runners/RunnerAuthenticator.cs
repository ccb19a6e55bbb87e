using System.Net;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Auth;
using Grpc.Core;

namespace ControlPlane.Server.Runners;

/// <summary>Finds the runner a call's <c>authorization: Bearer &lt;runner token&gt;</c> header belongs to.</summary>
public sealed class RunnerAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly IStore _store;
    private readonly AuthFailureLimiter _failures;

    public RunnerAuthenticator(IStore store, AuthFailureLimiter failures)
    {
        _store = store;
        _failures = failures;
    }

    /// <param name="client">The caller's address, for throttling failed attempts (<see cref="AuthFailureLimiter"/>).</param>
    /// <exception cref="AuthThrottledException">The address failed too often lately; the token was not looked at.</exception>
    /// <exception cref="RunnerAuthenticationException">No bearer token, or none that belongs to a runner.</exception>
    public async Task<RunnerRecord> AuthenticateAsync(Metadata headers, IPAddress? client, CancellationToken cancellationToken)
    {
        _failures.ThrowIfThrottled(client);
        var header = headers.GetValue("authorization");
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            _failures.RecordFailure(client);
            throw new RunnerAuthenticationException("Connect needs the header 'authorization: Bearer <runner token>'.");
        }

        // The lookup is by SHA-256 of a 256-bit random token, so it leaks nothing useful about stored tokens.
        RunnerRecord? runner;
        await using (var unit = await _store.BeginReadAsync(cancellationToken))
        {
            runner = await unit.Runners.FindByTokenHashAsync(RunnerTokens.Hash(header[Scheme.Length..].Trim()), cancellationToken);
        }

        if (runner is null)
        {
            _failures.RecordFailure(client);
            throw new RunnerAuthenticationException("The runner token is not recognised; register the runner again.");
        }

        return runner;
    }
}
