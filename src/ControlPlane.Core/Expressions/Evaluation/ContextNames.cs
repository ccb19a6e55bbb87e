namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>The names expressions can start with.</summary>
public static class ContextNames
{
    public const string Inputs = "inputs";
    public const string Env = "env";
    public const string Matrix = "matrix";
    public const string Steps = "steps";
    public const string Run = "run";
    public const string Secrets = "secrets";
    public const string Result = "result";
    public const string Event = "event";

    public static readonly IReadOnlyList<string> All = [Inputs, Env, Matrix, Steps, Run, Secrets, Result, Event];
}
