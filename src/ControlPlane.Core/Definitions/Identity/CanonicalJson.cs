using System.Text.Json;

namespace ControlPlane.Core.Definitions.Identity;

/// <summary>Small helpers so the canonical writers state each field once, in a fixed order, with sorted maps.</summary>
internal static class CanonicalJson
{
    public static void String(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void Duration(Utf8JsonWriter writer, string name, TimeSpan? value)
    {
        if (value is { } duration)
        {
            writer.WriteNumber(name, (long)duration.TotalMilliseconds);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string>? values, bool sort = false)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in sort ? values.Order(StringComparer.Ordinal) : values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void Map(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Scalar values as typed values, so 'true' the string and true the boolean differ.</summary>
    public static void Scalar(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double d:
                writer.WriteStringValue("number:" + d.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    public static void ScalarMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> values)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            Scalar(writer, value);
        }

        writer.WriteEndObject();
    }
}
