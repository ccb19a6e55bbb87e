namespace ControlPlane.Server.Runners;

/// <summary>A field of a runner's request is unusable; <see cref="Field"/> names it as the proto does.</summary>
public sealed class InvalidRunnerFieldException : Exception
{
    public InvalidRunnerFieldException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    /// <summary>The field as written in the proto, e.g. <c>labels[2]</c>.</summary>
    public string Field { get; }
}
