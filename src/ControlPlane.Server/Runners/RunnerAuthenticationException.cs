namespace ControlPlane.Server.Runners;

/// <summary>A registration token or runner token is missing or not recognised.</summary>
public sealed class RunnerAuthenticationException(string message) : Exception(message);
