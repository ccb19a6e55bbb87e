using System.Text.Json;

namespace ControlPlane.Store.Sqlite;

/// <summary>The JSON arrays of strings the store itself reads (step needs, runner labels).</summary>
internal static class JsonList
{
    public static string Write(IReadOnlyList<string> items) => JsonSerializer.Serialize(items);

    public static IReadOnlyList<string> Read(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
