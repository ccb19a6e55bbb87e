namespace ControlPlane.Cli.Output;

/// <summary>How a read command prints what it read.</summary>
internal enum OutputFormat
{
    /// <summary>A table (Spectre on a terminal, aligned plain text otherwise).</summary>
    Table,

    /// <summary>The response message as protobuf JSON, for scripts.</summary>
    Json,
}
