using System.Text.Json;

namespace ControlPlane.Server.Runners;

/// <summary>
/// The secrets steps can read as <c>secrets.&lt;name&gt;</c>, loaded once from the <c>--secrets-file</c> JSON object of
/// name to string value. Immutable and thread-safe.
/// </summary>
public sealed class SecretValues
{
    private readonly Dictionary<string, string> _values;

    public SecretValues(IReadOnlyDictionary<string, string> values)
    {
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    public static SecretValues None { get; } = new(new Dictionary<string, string>());

    public int Count => _values.Count;

    public bool TryGet(string name, out string value) => _values.TryGetValue(name, out value!);

    /// <param name="path">The file, or null for no secrets.</param>
    /// <exception cref="SecretsFileException">The file cannot be read or is not an object of string values.</exception>
    public static SecretValues Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return None;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretsFileException($"--secrets-file: cannot read '{path}': {e.Message}", e);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SecretsFileException($"--secrets-file: '{path}' must hold a JSON object of secret name to string value, not {document.RootElement.ValueKind}");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new SecretsFileException($"--secrets-file: '{path}': the value of '{property.Name}' must be a string, not {property.Value.ValueKind}");
                }

                values[property.Name] = property.Value.GetString()!;
            }

            return new SecretValues(values);
        }
        catch (JsonException e)
        {
            throw new SecretsFileException($"--secrets-file: '{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
