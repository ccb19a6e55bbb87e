namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Where an expression is written, which decides the contexts it may read.</summary>
internal enum ExpressionScope
{
    /// <summary>Known before the run starts: concurrency key, default labels, matrix values. Reads <c>inputs</c>.</summary>
    Workflow,

    /// <summary>Workflow-level <c>env</c>. Reads <c>inputs</c> and <c>run</c>.</summary>
    WorkflowEnv,

    /// <summary>A step's <c>runs_on</c>, needed to pick a runner. Reads <c>inputs</c> and <c>matrix</c>.</summary>
    StepLabels,

    /// <summary>Everything a step does. Reads inputs, env, matrix, steps, run, secrets and event (the webhook payload).</summary>
    Step,

    /// <summary>A step's <c>if</c>: as <see cref="Step"/>, plus the status functions.</summary>
    StepCondition,

    /// <summary>A step's <c>outputs</c>: as <see cref="Step"/>, plus <c>result</c>.</summary>
    StepOutput,

    /// <summary>A webhook trigger's filter. Reads <c>event</c>.</summary>
    WebhookFilter,
}
