using Google.Protobuf;

namespace ControlPlane.Cli.Output;

/// <summary>
/// Protobuf messages as JSON for <c>--output json</c>: the canonical proto3 mapping (lowerCamel field names, enum
/// names, RFC 3339 timestamps) with default values included, so scripts always find every field.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>The message as one JSON document.</summary>
    public static string Format(IMessage message) => Formatter.Format(message);

    /// <summary>Writes the message and a newline to stdout, with DEL and C1 controls as <c>\u00XX</c> (<see cref="TerminalText.Json"/>).</summary>
    public static void Write(CliConsole console, IMessage message) => console.WritePreparedLine(TerminalText.Json(Format(message)));
}
