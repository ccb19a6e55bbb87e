using ControlPlane.Core.Definitions.Syntax;

namespace ControlPlane.Core.Definitions.Parsing;

internal static class SleepActionParser
{
    public static StepAction? Parse(ParseContext context, MappingNode step, string path) =>
        context.Reader.Duration(step["sleep"], FieldPath.Child(path, "sleep"), mustBePositive: true) is { } duration
            ? new SleepAction(duration)
            : null;
}
