namespace ControlPlane.Server.Runners;

/// <summary>The secrets file cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class SecretsFileException(string message, Exception? inner = null) : Exception(message, inner);
