namespace ControlPlane.Agent.State;

/// <summary>The runner's registration with the server. <see cref="ToString"/> leaves the token out.</summary>
/// <param name="RunnerId">The id the server gave this runner.</param>
/// <param name="Token">The secret the runner authenticates with.</param>
public sealed record RunnerIdentity(string RunnerId, string Token)
{
    public override string ToString() => $"RunnerIdentity {{ RunnerId = {RunnerId}, Token = *** }}";
}
