using System.Text.Json;
using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Triggers;

/// <summary>
/// A webhook's JSON body as the <c>event</c> context: objects become case-insensitive maps, arrays lists, numbers
/// doubles, as in <c>fromJSON()</c>. The raw text is what a run stores, so it reads the same after a restart.
/// </summary>
public sealed class WebhookPayload
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    private WebhookPayload(string json, IReadOnlyDictionary<string, object?> values)
    {
        Json = json;
        Values = values;
    }

    /// <summary>The body as received (UTF-8 JSON text).</summary>
    public string Json { get; }

    /// <summary>The body as expression values.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <exception cref="WebhookPayloadException">Not UTF-8 JSON, or not an object at the top.</exception>
    public static WebhookPayload Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException($"the body must be a JSON object, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            var values = (IReadOnlyDictionary<string, object?>)JsonValues.Convert(document.RootElement)!;
            return new WebhookPayload(document.RootElement.GetRawText(), values);
        }
        catch (JsonException e)
        {
            throw new WebhookPayloadException($"the body is not valid JSON: {Describe(e)}", e);
        }
    }

    /// <summary>Reads a stored payload back; a run without one (or with an unreadable one) has an empty event.</summary>
    public static IReadOnlyDictionary<string, object?> ValuesOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<string, object?>();
        }

        try
        {
            return Parse(System.Text.Encoding.UTF8.GetBytes(json)).Values;
        }
        catch (WebhookPayloadException)
        {
            return new Dictionary<string, object?>();
        }
    }

    private static string Describe(JsonException e)
    {
        // JsonException positions are 0-based; people count lines and columns from 1.
        var position = e.LineNumber is { } line && e.BytePositionInLine is { } column ? $" at line {line + 1}, column {column + 1}" : "";
        var reason = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' ');
        return $"{reason}{position}";
    }
}
