using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Admin;

/// <summary>A runner as the admin API shows it.</summary>
/// <param name="Load">Attempts it holds now (offered or running).</param>
public sealed record RunnerView(RunnerRecord Runner, int Load);
