using System.Text.Json;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// A run's typed input values (string, double, bool or null) as the JSON object stored on the run, keys sorted so
/// that equal inputs give equal text (an idempotency key compares them).
/// </summary>
public static class RunInputsJson
{
    public static string Serialize(IReadOnlyDictionary<string, object?> inputs) =>
        JsonSerializer.Serialize(new SortedDictionary<string, object?>(inputs.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal));

    /// <exception cref="JsonException">The text is not a JSON object of scalars.</exception>
    public static IReadOnlyDictionary<string, object?> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => throw new JsonException($"Input '{property.Name}' must be a string, number, boolean or null."),
            };
        }

        return values;
    }
}
