namespace ControlPlane.Server.Runners;

/// <summary>
/// Decides whether a registration token lets an agent register a runner. The static tokens given on the command line
/// are one implementation; tokens issued through the admin API plug in here.
/// </summary>
/// <remarks>Implementations compare in constant time and are safe to call concurrently.</remarks>
public interface IRegistrationTokenValidator
{
    /// <returns>True when <paramref name="token"/> may register a runner.</returns>
    ValueTask<bool> IsValidAsync(string token, CancellationToken cancellationToken);
}
