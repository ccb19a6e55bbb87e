namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>What expressions can read about a finished step: <c>steps.&lt;id&gt;.outcome</c>, <c>.outputs.&lt;name&gt;</c>, <c>.exit_code</c>.</summary>
public sealed record StepResult(StepOutcome Outcome, IReadOnlyDictionary<string, string> Outputs, int? ExitCode = null);
