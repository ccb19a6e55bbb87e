namespace ControlPlane.Server.Runners;

/// <summary>A step's run-time expressions cannot be evaluated; the message names the field and the problem.</summary>
public sealed class StepResolutionException(string message, Exception? inner = null) : Exception(message, inner);
