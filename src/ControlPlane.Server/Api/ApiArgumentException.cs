namespace ControlPlane.Server.Api;

/// <summary>A request field the API cannot use; becomes INVALID_ARGUMENT naming the field.</summary>
public sealed class ApiArgumentException : Exception
{
    public ApiArgumentException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The request field, as named in the proto (e.g. <c>page_token</c>).</summary>
    public string Field { get; }

    public string Problem { get; }
}
