using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// Matrix values as <c>[{"name": "os", "value": "linux"}, ...]</c>: a list keeps the axis order, and values come
/// back as the string, double or bool they were rather than as JSON elements.
/// </summary>
internal sealed class MatrixValuesJsonConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, object>>>
{
    public override IReadOnlyList<KeyValuePair<string, object>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var values = new List<KeyValuePair<string, object>>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var name = item.GetProperty("name").GetString() ?? throw new JsonException("A matrix value needs a name.");
            var value = item.GetProperty("value");
            values.Add(new(name, value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new JsonException($"Matrix value '{name}' must be a string, number or boolean."),
            }));
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, object>> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var (name, item) in value)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WritePropertyName("value");
            switch (item)
            {
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case double number:
                    writer.WriteNumberValue(number);
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
