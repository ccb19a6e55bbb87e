using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Planning;

/// <summary>Formats the stable key of a planned step: <c>build</c>, or <c>test[os=linux,node=20]</c>.</summary>
public static class MatrixKey
{
    public static string Format(string stepId, IReadOnlyList<KeyValuePair<string, object>> values) =>
        values.Count == 0
            ? stepId
            : $"{stepId}[{string.Join(",", values.Select(v => $"{v.Key}={MatrixExpander.Describe(v.Value)}"))}]";
}
