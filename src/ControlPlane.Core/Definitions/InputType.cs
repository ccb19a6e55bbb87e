namespace ControlPlane.Core.Definitions;

public enum InputType
{
    String,
    Number,
    Bool,

    /// <summary>A string restricted to <see cref="InputDefinition.Options"/>.</summary>
    Choice,
}
