namespace ControlPlane.Core.Retries;

/// <summary>A <see cref="RetryPolicy"/> field is out of range.</summary>
public sealed class InvalidRetryPolicyException : ArgumentException
{
    public InvalidRetryPolicyException(string field, string problem)
        : base($"Retry policy field '{field}' {problem}.")
    {
        Field = field;
    }

    public string Field { get; }
}
