namespace ControlPlane.Server.Tests.Runners.Support;

/// <summary>Workflows the runner-protocol tests start runs of.</summary>
internal static class RunnerWorkflows
{
    /// <summary>One shell step, <c>s</c>, with no labels: any runner may take it.</summary>
    public const string OneStep = """
        name: one
        steps:
          - id: s
            run: echo hi
        """;
}
