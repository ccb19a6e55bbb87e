using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Settings;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads <c>retry:</c>, either a number of attempts or the full mapping.</summary>
internal static class RetryParser
{
    public const int MaxAttempts = 100;

    private static readonly string[] Keys = ["attempts", "initial_backoff", "factor", "max_backoff", "jitter", "on", "exit_codes"];

    private static readonly Dictionary<string, RetryConditions> Conditions = new()
    {
        ["exit_code"] = RetryConditions.ExitCode,
        ["timeout"] = RetryConditions.Timeout,
        ["runner_lost"] = RetryConditions.RunnerLost,
        ["error"] = RetryConditions.Error,
    };

    public static RetrySettings? Parse(ParseContext context, SourceNode? node, string path)
    {
        var reader = context.Reader;
        if (node is ScalarNode { Kind: ScalarKind.Number } shorthand)
        {
            return reader.Integer(shorthand, path, 1, MaxAttempts) is { } count ? new RetrySettings { Attempts = count } : null;
        }

        var map = reader.Mapping(node, path, "a number of attempts or a mapping");
        if (map is null)
        {
            return null;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "retry");
        var settings = new RetrySettings
        {
            Attempts = reader.Integer(map["attempts"], FieldPath.Child(path, "attempts"), 1, MaxAttempts),
            InitialBackoff = reader.Duration(map["initial_backoff"], FieldPath.Child(path, "initial_backoff"), mustBePositive: false),
            Factor = reader.Number(map["factor"], FieldPath.Child(path, "factor"), 1, 10),
            MaxBackoff = reader.Duration(map["max_backoff"], FieldPath.Child(path, "max_backoff"), mustBePositive: false),
            Jitter = reader.Number(map["jitter"], FieldPath.Child(path, "jitter"), 0, 1),
            On = ReadConditions(context, map["on"], FieldPath.Child(path, "on")),
            ExitCodes = ReadExitCodes(context, map["exit_codes"], FieldPath.Child(path, "exit_codes")),
        };
        CheckConsistency(context, map, path, settings);
        return settings;
    }

    private static RetryConditions? ReadConditions(ParseContext context, SourceNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var conditions = RetryConditions.None;
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a list such as [exit_code, timeout, runner_lost, error]"))
        {
            conditions |= context.Reader.Choice(item, itemPath, Conditions, "retry condition") ?? RetryConditions.None;
        }

        return conditions;
    }

    private static List<int>? ReadExitCodes(ParseContext context, SourceNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var codes = new List<int>();
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a list of exit codes"))
        {
            if (context.Reader.Integer(item, itemPath, 1, 255) is { } code)
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    private static void CheckConsistency(ParseContext context, MappingNode map, string path, RetrySettings settings)
    {
        if (settings is { InitialBackoff: { } initial, MaxBackoff: { } max } && max < initial)
        {
            context.Reader.OutOfRange(map["max_backoff"]!, FieldPath.Child(path, "max_backoff"), $"({DurationFormat.Format(max)}) must not be shorter than initial_backoff ({DurationFormat.Format(initial)})");
        }

        if (settings.ExitCodes is not null && settings.On is { } on && !on.HasFlag(RetryConditions.ExitCode))
        {
            context.Diagnostics.Error(
                DiagnosticCodes.NotApplicable,
                map.Find("exit_codes")!.Key.Location,
                FieldPath.Child(path, "exit_codes"),
                "exit_codes only applies when 'on' includes exit_code");
        }
    }
}
