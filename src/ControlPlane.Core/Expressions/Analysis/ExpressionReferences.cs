using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Expressions.Analysis;

/// <summary>Static facts about a parsed expression: which contexts it reads and which functions it calls.</summary>
public static class ExpressionReferences
{
    public static IReadOnlyList<ContextReference> Collect(ExpressionNode expression)
    {
        var references = new List<ContextReference>();
        Visit(expression, references);
        return references;
    }

    public static IEnumerable<FunctionCallExpression> FunctionCalls(ExpressionNode expression)
    {
        var stack = new Stack<ExpressionNode>();
        stack.Push(expression);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is FunctionCallExpression call)
            {
                yield return call;
            }

            foreach (var child in Children(node))
            {
                stack.Push(child);
            }
        }
    }

    public static bool UsesStatusFunction(ExpressionNode expression) =>
        FunctionCalls(expression).Any(call => BuiltInFunctions.Find(call.Name)?.IsStatusFunction == true);

    private static void Visit(ExpressionNode node, List<ContextReference> references)
    {
        switch (node)
        {
            case ContextExpression context:
                references.Add(new ContextReference(context.Name, [], context.Position));
                break;
            case PropertyAccessExpression or IndexAccessExpression:
                VisitAccessChain(node, references);
                break;
            default:
                foreach (var child in Children(node))
                {
                    Visit(child, references);
                }

                break;
        }
    }

    private static void VisitAccessChain(ExpressionNode node, List<ContextReference> references)
    {
        // Walk from the outermost access inwards, so segments arrive last-first.
        var segments = new List<string>();
        var current = node;
        while (true)
        {
            if (current is PropertyAccessExpression property)
            {
                segments.Add(property.Property);
                current = property.Target;
            }
            else if (current is IndexAccessExpression index)
            {
                Visit(index.Index, references);
                if (index.Index is LiteralExpression { Value: string key })
                {
                    segments.Add(key);
                }
                else
                {
                    segments.Clear();
                }

                current = index.Target;
            }
            else
            {
                break;
            }
        }

        segments.Reverse();
        if (current is ContextExpression context)
        {
            references.Add(new ContextReference(context.Name, segments, context.Position));
        }
        else
        {
            Visit(current, references);
        }
    }

    private static IEnumerable<ExpressionNode> Children(ExpressionNode node) => node switch
    {
        PropertyAccessExpression property => [property.Target],
        IndexAccessExpression index => [index.Target, index.Index],
        NotExpression not => [not.Operand],
        ComparisonExpression comparison => [comparison.Left, comparison.Right],
        LogicalExpression logical => [logical.Left, logical.Right],
        FunctionCallExpression call => call.Arguments,
        _ => [],
    };
}
