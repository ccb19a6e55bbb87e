using ControlPlane.Server.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Auth;

/// <summary>
/// Decides whether a call may proceed: looks its method up in <see cref="MethodAccess"/>, resolves the bearer token to
/// an <see cref="ApiPrincipal"/> and checks its role. In dev mode nothing is refused.
/// </summary>
public sealed class ApiAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly ApiTokenResolver _tokens;
    private readonly AuthFailureLimiter _failures;
    private readonly bool _dev;
    private readonly ILogger<ApiAuthenticator> _logger;

    public ApiAuthenticator(ApiTokenResolver tokens, AuthFailureLimiter failures, IOptions<ServerOptions> server, ILogger<ApiAuthenticator> logger)
    {
        _tokens = tokens;
        _failures = failures;
        _dev = server.Value.Dev;
        _logger = logger;
    }

    /// <returns>Who called, or null for a method anyone may call, one with its own credentials, or a dev-mode call without a usable token.</returns>
    /// <exception cref="ApiAuthenticationException">No usable token.</exception>
    /// <exception cref="ApiPermissionException">The token's role may not call the method.</exception>
    /// <exception cref="AuthThrottledException">The caller's address failed too often lately (see <see cref="AuthFailureLimiter"/>).</exception>
    public async Task<ApiPrincipal?> AuthorizeAsync(ServerCallContext context)
    {
        var rule = MethodAccess.For(context.Method);
        if (rule.Kind != AccessKind.Role)
        {
            return null;
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (_dev)
        {
            // Authentication is off: a token is looked up so handlers know the caller, but nothing is refused.
            return await TryResolveAsync(header, context.CancellationToken);
        }

        var client = ClientAddress.Of(context);
        _failures.ThrowIfThrottled(client);
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(header[Scheme.Length..]))
        {
            throw Unauthenticated(context, client, "this call needs the header 'authorization: Bearer <API token>'");
        }

        var token = await _tokens.ResolveAsync(header[Scheme.Length..].Trim(), context.CancellationToken)
            ?? throw Unauthenticated(context, client, "the API token is unknown, expired or revoked");
        var principal = new ApiPrincipal(token.Id, token.Name, token.Role);
        if (!rule.Allows(token.Role))
        {
            AuthLog.PermissionDenied(_logger, token.Id.Value, token.Name, token.Role, context.Method);
            throw new ApiPermissionException(
                $"{context.Method.TrimStart('/')} needs the {rule.Description} role or higher; token '{token.Name}' has the {token.Role.ToString().ToLowerInvariant()} role");
        }

        return principal;
    }

    private async Task<ApiPrincipal?> TryResolveAsync(string? header, CancellationToken cancellationToken)
    {
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = await _tokens.ResolveAsync(header[Scheme.Length..].Trim(), cancellationToken);
        return token is null ? null : new ApiPrincipal(token.Id, token.Name, token.Role);
    }

    private ApiAuthenticationException Unauthenticated(ServerCallContext context, System.Net.IPAddress? client, string reason)
    {
        _failures.RecordFailure(client);
        AuthLog.Unauthenticated(_logger, context.Method, context.Peer, reason);
        return new ApiAuthenticationException(reason[..1].ToUpperInvariant() + reason[1..] + ".");
    }
}
