namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>A workflow as parsed, before groups are expanded and cross-references checked.</summary>
/// <param name="Workflow">Everything but the steps, which are filled in from <paramref name="Items"/>.</param>
internal sealed record ParsedWorkflow(WorkflowDefinition Workflow, IReadOnlyList<StepItem> Items, IReadOnlyList<ExpressionSite> Sites)
{
    /// <summary>All steps in file order, depth-first through groups.</summary>
    public IReadOnlyList<StepEntry> Steps { get; } = Flatten(Items).ToList();

    public static IEnumerable<StepEntry> Flatten(IEnumerable<StepItem> items)
    {
        foreach (var item in items)
        {
            if (item is StepEntry step)
            {
                yield return step;
            }
            else if (item is GroupEntry group)
            {
                foreach (var nested in Flatten(group.Items))
                {
                    yield return nested;
                }
            }
        }
    }

    public static IEnumerable<GroupEntry> Groups(IEnumerable<StepItem> items)
    {
        foreach (var group in items.OfType<GroupEntry>())
        {
            yield return group;
            foreach (var nested in Groups(group.Items))
            {
                yield return nested;
            }
        }
    }
}
