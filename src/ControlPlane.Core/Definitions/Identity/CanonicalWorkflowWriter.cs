using System.Text.Json;

namespace ControlPlane.Core.Definitions.Identity;

/// <summary>
/// Writes the canonical form of a definition: compact JSON, fields in a fixed order, maps sorted by
/// key, durations in milliseconds, positions left out. Bump <see cref="FormatVersion"/> when the form
/// changes, since that changes every hash.
/// </summary>
internal static class CanonicalWorkflowWriter
{
    public const int FormatVersion = 1;

    public static byte[] Write(WorkflowDefinition definition)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", FormatVersion);
            CanonicalJson.String(writer, "name", definition.Name);
            CanonicalJson.String(writer, "description", definition.Description);
            WriteInputs(writer, definition.Inputs);
            CanonicalJson.Map(writer, "env", definition.Env);
            WriteDefaults(writer, definition.Defaults);
            WriteConcurrency(writer, definition.Concurrency);
            CanonicalJson.Duration(writer, "timeout", definition.Timeout);
            WriteTriggers(writer, definition.Triggers);
            WriteNotify(writer, definition.Notify);
            writer.WriteStartArray("steps");
            foreach (var step in definition.Steps)
            {
                CanonicalStepWriter.Write(writer, step);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteInputs(Utf8JsonWriter writer, IReadOnlyList<InputDefinition> inputs)
    {
        writer.WriteStartObject("inputs");
        foreach (var input in inputs.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            writer.WriteStartObject(input.Name);
            writer.WriteString("type", input.Type.ToString());
            CanonicalJson.String(writer, "description", input.Description);
            writer.WriteBoolean("required", input.Required);
            writer.WritePropertyName("default");
            CanonicalJson.Scalar(writer, input.Default);
            CanonicalJson.Strings(writer, "options", input.Options);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteDefaults(Utf8JsonWriter writer, WorkflowDefaults defaults)
    {
        writer.WriteStartObject("defaults");
        CanonicalJson.Duration(writer, "timeout", defaults.Timeout);
        CanonicalStepWriter.WriteRetry(writer, defaults.Retry);
        CanonicalJson.Strings(writer, "runs_on", defaults.RunsOn);
        writer.WriteEndObject();
    }

    private static void WriteConcurrency(Utf8JsonWriter writer, ConcurrencyPolicy? concurrency)
    {
        if (concurrency is null)
        {
            writer.WriteNull("concurrency");
            return;
        }

        writer.WriteStartObject("concurrency");
        writer.WriteString("key", concurrency.Key);
        writer.WriteNumber("limit", concurrency.Limit);
        writer.WriteString("on_conflict", concurrency.OnConflict.ToString());
        writer.WriteEndObject();
    }

    private static void WriteTriggers(Utf8JsonWriter writer, WorkflowTriggers triggers)
    {
        writer.WriteStartObject("on");
        writer.WriteStartArray("schedule");
        foreach (var schedule in triggers.Schedules)
        {
            writer.WriteStartObject();
            writer.WriteString("cron", schedule.Cron.Text);
            CanonicalJson.String(writer, "timezone", schedule.TimeZone);
            CanonicalJson.Map(writer, "inputs", schedule.Inputs);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (triggers.Webhook is { } webhook)
        {
            writer.WriteStartObject("webhook");
            CanonicalJson.String(writer, "secret", webhook.Secret);
            CanonicalJson.String(writer, "filter", webhook.Filter);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("webhook");
        }

        writer.WriteEndObject();
    }

    // Left out when empty, so the hashes of files without notify: stay what they were (no format bump).
    private static void WriteNotify(Utf8JsonWriter writer, IReadOnlyList<NotifyTarget> targets)
    {
        if (targets.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("notify");
        foreach (var target in targets)
        {
            writer.WriteStartObject();
            CanonicalJson.String(writer, "url", target.Url);
            CanonicalJson.String(writer, "url_env", target.UrlEnv);
            CanonicalJson.Strings(writer, "on", NotifyEventNames.ToWords(target.On));
            writer.WriteString("format", target.Format.ToString());
            CanonicalJson.String(writer, "secret_env", target.SecretEnv);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
