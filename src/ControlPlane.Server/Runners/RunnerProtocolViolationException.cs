namespace ControlPlane.Server.Runners;

/// <summary>The agent broke the stream's rules (e.g. its first message is not a RunnerHello).</summary>
public sealed class RunnerProtocolViolationException(string message) : Exception(message);
