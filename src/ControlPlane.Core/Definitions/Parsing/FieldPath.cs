using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Builds the field paths diagnostics show: <c>steps[3].needs[0]</c>, <c>env.HOME</c>, <c>env['a.b']</c>.</summary>
internal static class FieldPath
{
    public static string Child(string parent, string key)
    {
        if (!Identifiers.IsValidId(key))
        {
            return $"{parent}['{key.Replace("'", "''", StringComparison.Ordinal)}']";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
