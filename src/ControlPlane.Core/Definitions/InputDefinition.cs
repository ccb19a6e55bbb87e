using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions;

/// <summary>A value a run is started with, readable in expressions as <c>inputs.&lt;name&gt;</c>.</summary>
public sealed record InputDefinition
{
    public required string Name { get; init; }

    public InputType Type { get; init; } = InputType.String;

    public string? Description { get; init; }

    public bool Required { get; init; }

    /// <summary>The default as an expression value: a string, a double or a bool, matching <see cref="Type"/>.</summary>
    public object? Default { get; init; }

    /// <summary>Allowed values of a <see cref="InputType.Choice"/> input.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    public required SourceLocation Location { get; init; }
}
