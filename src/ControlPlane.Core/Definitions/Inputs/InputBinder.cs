using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Inputs;

/// <summary>
/// Checks input values given as text (command line, API, schedule) against a workflow's
/// declarations: unknown names, missing required inputs, wrong types and choices outside the options.
/// </summary>
public static class InputBinder
{
    public static InputBinding Bind(IReadOnlyList<InputDefinition> declarations, IReadOnlyDictionary<string, string> given)
    {
        var problems = new List<InputProblem>();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var names = declarations.Select(d => d.Name).ToList();
        foreach (var name in given.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal))
        {
            var known = names.Count == 0 ? "; the workflow declares no inputs" : NameSuggester.Hint(name, names);
            problems.Add(new InputProblem(DiagnosticCodes.UnknownInput, name, $"unknown input '{name}'{known}"));
        }

        foreach (var input in declarations)
        {
            if (given.TryGetValue(input.Name, out var text))
            {
                var converted = InputValueConverter.Convert(input, text, quoted: false);
                if (converted.Problem is not null)
                {
                    problems.Add(new InputProblem(converted.Code!, input.Name, $"input '{input.Name}' {converted.Problem}"));
                }

                values[input.Name] = converted.Value;
            }
            else if (input.Default is not null)
            {
                values[input.Name] = input.Default;
            }
            else
            {
                if (input.Required)
                {
                    problems.Add(new InputProblem(DiagnosticCodes.MissingRequiredInput, input.Name, $"input '{input.Name}' is required and has no default"));
                }

                values[input.Name] = null;
            }
        }

        return new InputBinding(values, problems);
    }
}
