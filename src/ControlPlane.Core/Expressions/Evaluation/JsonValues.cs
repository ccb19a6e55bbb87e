using System.Text;
using System.Text.Json;

namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>toJSON() and fromJSON(): between the expression value model and JSON text.</summary>
internal static class JsonValues
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static string Serialize(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            Write(writer, ExpressionValues.Normalize(value), depth: 0);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <exception cref="ExpressionEvaluationException">The text is not JSON.</exception>
    public static object? Deserialize(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Convert(document.RootElement);
        }
        catch (JsonException exception)
        {
            var shown = text.Length > 40 ? text[..40] + "..." : text;
            throw new ExpressionEvaluationException($"fromJSON: '{shown}' is not valid JSON ({exception.Message})");
        }
    }

    /// <summary>A JSON element as an expression value (objects become case-insensitive maps).</summary>
    public static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => Convert(g.Last().Value), StringComparer.OrdinalIgnoreCase),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new ExpressionEvaluationException("toJSON: the value nests too deeply");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                if (double.IsInteger(d) && Math.Abs(d) < 1e15)
                {
                    writer.WriteNumberValue((long)d);
                }
                else
                {
                    writer.WriteNumberValue(d);
                }

                break;
            case double d:
                writer.WriteStringValue(ExpressionValues.FormatNumber(d));
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, ExpressionValues.Normalize(item), depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, ExpressionValues.Normalize(item), depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
