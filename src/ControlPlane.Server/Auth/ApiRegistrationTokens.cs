using ControlPlane.Core.Auth;
using ControlPlane.Server.Runners;

namespace ControlPlane.Server.Auth;

/// <summary>
/// Registration tokens: the static <c>--registration-token</c> ones, and API tokens with the runner role (what
/// <c>CreateRegistrationToken</c> issues) that are neither expired nor revoked.
/// </summary>
public sealed class ApiRegistrationTokens(StaticRegistrationTokens statics, ApiTokenResolver tokens) : IRegistrationTokenValidator
{
    /// <inheritdoc/>
    public async ValueTask<bool> IsValidAsync(string token, CancellationToken cancellationToken)
    {
        if (await statics.IsValidAsync(token, cancellationToken))
        {
            return true;
        }

        return token.Length > 0 && await tokens.ResolveAsync(token, cancellationToken) is { Role: ApiTokenRole.Runner };
    }
}
