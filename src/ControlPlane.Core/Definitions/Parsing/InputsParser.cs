using ControlPlane.Core.Definitions.Inputs;
using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads <c>inputs:</c> and checks each default against its type.</summary>
internal static class InputsParser
{
    private static readonly string[] Keys = ["type", "description", "default", "required", "options"];

    private static readonly Dictionary<string, InputType> Types = new()
    {
        ["string"] = InputType.String,
        ["number"] = InputType.Number,
        ["bool"] = InputType.Bool,
        ["choice"] = InputType.Choice,
    };

    public static List<InputDefinition> Parse(ParseContext context, SourceNode? node, string path)
    {
        var inputs = new List<InputDefinition>();
        var map = context.Reader.Mapping(node, path, "a mapping of input names to their declarations");
        foreach (var entry in map?.Entries ?? [])
        {
            var inputPath = FieldPath.Child(path, entry.Key.Value);
            if (!Identifiers.IsValidId(entry.Key.Value))
            {
                context.Diagnostics.Error(DiagnosticCodes.InvalidName, entry.Key.Location, inputPath, $"invalid input name '{entry.Key.Value}'; {Identifiers.IdRule}");
            }

            inputs.Add(ParseInput(context, entry, inputPath));
        }

        return inputs;
    }

    private static InputDefinition ParseInput(ParseContext context, MappingEntry entry, string path)
    {
        var reader = context.Reader;
        var map = reader.Mapping(entry.Value, path, "a mapping with type, default, required, description or options");
        var input = new InputDefinition { Name = entry.Key.Value, Location = entry.Key.Location };
        if (map is null)
        {
            return input;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "an input");
        var type = reader.Choice(map["type"], FieldPath.Child(path, "type"), Types, "input type") ?? InputType.String;
        input = input with
        {
            Type = type,
            Description = reader.Text(map["description"], FieldPath.Child(path, "description"))?.Value,
            Required = reader.Boolean(map["required"], FieldPath.Child(path, "required")) ?? false,
            Options = ReadOptions(context, map, path, type),
        };
        return input with { Default = ReadDefault(context, map["default"], FieldPath.Child(path, "default"), input) };
    }

    private static List<string> ReadOptions(ParseContext context, MappingNode map, string path, InputType type)
    {
        var optionsPath = FieldPath.Child(path, "options");
        var entry = map.Find("options");
        if (type != InputType.Choice)
        {
            if (entry is not null)
            {
                context.Diagnostics.Error(DiagnosticCodes.NotApplicable, entry.Key.Location, optionsPath, "'options' applies only to inputs of type choice");
            }

            return [];
        }

        var options = new List<string>();
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(entry?.Value, optionsPath, "a list of options"))
        {
            if (context.Reader.Text(item, itemPath, "an option") is { } option)
            {
                options.Add(option.Value);
            }
        }

        if (options.Count == 0)
        {
            context.Diagnostics.Error(DiagnosticCodes.ChoiceWithoutOptions, entry?.Key.Location ?? map.Location, entry is null ? path : optionsPath, "a choice input needs a non-empty 'options' list");
        }

        return options;
    }

    private static object? ReadDefault(ParseContext context, SourceNode? node, string path, InputDefinition input)
    {
        if (node is null or ScalarNode { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is not ScalarNode scalar)
        {
            context.Reader.WrongType(node, path, "a single value");
            return null;
        }

        var value = InputValueConverter.Convert(input, scalar.Value, scalar.Kind == ScalarKind.String);
        if (value.Problem is not null)
        {
            var code = value.Code == DiagnosticCodes.InputNotInOptions ? DiagnosticCodes.ChoiceDefaultNotInOptions : DiagnosticCodes.InputDefaultTypeMismatch;
            context.Diagnostics.Error(code, scalar.Location, path, $"default of input '{input.Name}' {value.Problem}");
        }

        return value.Value;
    }
}
