using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using Grpc.Core;

namespace ControlPlane.Server.Runners;

/// <summary>Finds the runner a call's <c>authorization: Bearer &lt;runner token&gt;</c> header belongs to.</summary>
public sealed class RunnerAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly IStore _store;

    public RunnerAuthenticator(IStore store)
    {
        _store = store;
    }

    /// <exception cref="RunnerAuthenticationException">No bearer token, or none that belongs to a runner.</exception>
    public async Task<RunnerRecord> AuthenticateAsync(Metadata headers, CancellationToken cancellationToken)
    {
        var header = headers.GetValue("authorization");
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            throw new RunnerAuthenticationException("Connect needs the header 'authorization: Bearer <runner token>'.");
        }

        // The lookup is by SHA-256 of a 256-bit random token, so it leaks nothing useful about stored tokens.
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var runner = await unit.Runners.FindByTokenHashAsync(RunnerTokens.Hash(header[Scheme.Length..].Trim()), cancellationToken);
        return runner ?? throw new RunnerAuthenticationException("The runner token is not recognised; register the runner again.");
    }
}
