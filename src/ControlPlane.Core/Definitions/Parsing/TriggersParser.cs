using ControlPlane.Core.Cron;
using ControlPlane.Core.Definitions.Inputs;
using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads the <c>on:</c> block: cron schedules and a webhook.</summary>
internal static class TriggersParser
{
    private static readonly string[] Keys = ["schedule", "webhook"];
    private static readonly string[] ScheduleKeys = ["cron", "timezone", "inputs"];
    private static readonly string[] WebhookKeys = ["secret", "filter", "secret_env"];

    public static WorkflowTriggers Parse(ParseContext context, SourceNode? node, string path, IReadOnlyList<InputDefinition> inputs)
    {
        var map = context.Reader.Mapping(node, path, "a mapping with schedule or webhook");
        if (map is null)
        {
            return WorkflowTriggers.None;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "on");
        var schedules = new List<ScheduleTrigger>();
        var schedulePath = FieldPath.Child(path, "schedule");
        var list = context.Reader.Sequence(map["schedule"], schedulePath, "a list of schedules such as - cron: \"0 3 * * *\"");
        for (var i = 0; list is not null && i < list.Items.Count; i++)
        {
            if (ParseSchedule(context, list.Items[i], FieldPath.Index(schedulePath, i), inputs) is { } schedule)
            {
                schedules.Add(schedule);
            }
        }

        return new WorkflowTriggers { Schedules = schedules, Webhook = ParseWebhook(context, map["webhook"], FieldPath.Child(path, "webhook")) };
    }

    private static ScheduleTrigger? ParseSchedule(ParseContext context, SourceNode node, string path, IReadOnlyList<InputDefinition> inputs)
    {
        var map = context.Reader.Mapping(node, path, "a mapping with 'cron'");
        if (map is null)
        {
            return null;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, ScheduleKeys, "a schedule");
        var cronPath = FieldPath.Child(path, "cron");
        var cronText = context.Reader.Text(map["cron"], cronPath);
        if (!map.Contains("cron"))
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingKey, map.Location, path, "a schedule needs a 'cron' expression, e.g. cron: \"0 3 * * *\"");
        }

        CronExpression? cron = null;
        if (cronText is not null && !CronExpression.TryParse(cronText.Value, out cron, out var error))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidCron, cronText.LocationAt(error!.Position), cronPath, $"invalid cron expression '{cronText.Value}': {error.Message}");
        }

        var timeZone = ReadTimeZone(context, map["timezone"], FieldPath.Child(path, "timezone"));
        var values = ReadInputs(context, map, path, inputs);
        return cron is null ? null : new ScheduleTrigger(cron, timeZone, values);
    }

    private static string? ReadTimeZone(ParseContext context, SourceNode? node, string path)
    {
        var scalar = context.Reader.Text(node, path, "a time zone such as Europe/Berlin");
        if (scalar is null || TimeZoneNames.IsKnown(scalar.Value))
        {
            return scalar?.Value;
        }

        var hint = NameSuggester.Hint(scalar.Value, TimeZoneNames.All);
        context.Diagnostics.Error(DiagnosticCodes.UnknownTimeZone, scalar.Location, path, $"unknown time zone '{scalar.Value}'; use an IANA name such as Europe/Berlin or UTC{hint}");
        return scalar.Value;
    }

    private static Dictionary<string, string> ReadInputs(ParseContext context, MappingNode schedule, string path, IReadOnlyList<InputDefinition> inputs)
    {
        var inputsPath = FieldPath.Child(path, "inputs");
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);
        var map = context.Reader.Mapping(schedule["inputs"], inputsPath);
        foreach (var entry in map?.Entries ?? [])
        {
            if (context.Reader.Text(entry.Value, FieldPath.Child(inputsPath, entry.Key.Value), "a single value") is { } value)
            {
                given[entry.Key.Value] = value.Value;
                nodes[entry.Key.Value] = entry;
            }
        }

        foreach (var problem in InputBinder.Bind(inputs, given).Problems)
        {
            var location = !nodes.TryGetValue(problem.InputName, out var entry)
                ? schedule.Location
                : problem.Code == DiagnosticCodes.UnknownInput ? entry.Key.Location : entry.Value.Location;
            var problemPath = nodes.ContainsKey(problem.InputName) ? FieldPath.Child(inputsPath, problem.InputName) : path;
            context.Diagnostics.Error(problem.Code, location, problemPath, problem.Message);
        }

        return given;
    }

    private static WebhookTrigger? ParseWebhook(ParseContext context, SourceNode? node, string path)
    {
        var map = context.Reader.Mapping(node, path, "a mapping with secret or filter");
        if (map is null)
        {
            return null;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, WebhookKeys, "webhook");
        var secretPath = FieldPath.Child(path, "secret");
        var secret = context.Reader.Text(map["secret"], secretPath, "the name of a server secret");
        if (secret is not null && !Identifiers.IsValidEnvName(secret.Value))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidName, secret.Location, secretPath, $"invalid secret name '{secret.Value}'; {Identifiers.EnvNameRule}");
        }

        var removed = ReportSecretEnv(context, map, path);
        var filterPath = FieldPath.Child(path, "filter");
        var filter = context.Reader.Text(map["filter"], filterPath);
        context.AddSite(filter, filterPath, ExpressionScope.WebhookFilter, null);
        if (!map.Contains("secret") && !map.Contains("filter") && !removed)
        {
            context.Diagnostics.Error(DiagnosticCodes.WebhookWithoutGuard, map.Location, path, "a webhook needs 'secret' (to verify signatures) or 'filter' (to select events), or both");
        }

        return new WebhookTrigger(secret?.Value, filter?.Value) { SecretLocation = secret?.Location ?? map.Location };
    }

    /// <summary>
    /// <c>secret_env</c> named a server environment variable; webhook secrets now come from the server's secrets. An
    /// error in a file being applied; a warning in a stored revision, which then verifies no signatures.
    /// </summary>
    /// <returns>True when the key is present: it stands for the guard it was (no second error about a missing one).</returns>
    private static bool ReportSecretEnv(ParseContext context, MappingNode map, string path)
    {
        if (map.Find("secret_env") is not { } entry)
        {
            return false;
        }

        var name = entry.Value is ScalarNode { Value: var value } && Identifiers.IsValidEnvName(value) ? value : "NAME";
        var message = $"'secret_env' is no longer supported: webhook secrets come from the server's secrets file (--secrets-file), not its environment; write 'secret: {name}' and add '{name}' to the server's secrets file";
        var fieldPath = FieldPath.Child(path, "secret_env");
        if (context.Options.ToleratesRemovedKeys)
        {
            context.Diagnostics.Warning(DiagnosticCodes.WebhookSecretEnvRemoved, entry.Key.Location, fieldPath, message);
        }
        else
        {
            context.Diagnostics.Error(DiagnosticCodes.WebhookSecretEnvRemoved, entry.Key.Location, fieldPath, message);
        }

        return true;
    }
}
