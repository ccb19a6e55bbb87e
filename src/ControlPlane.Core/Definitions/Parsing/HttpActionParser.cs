using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Definitions.Parsing;

internal static class HttpActionParser
{
    private static readonly string[] Keys = ["method", "url", "headers", "body", "expected_status", "timeout"];

    private static readonly Dictionary<string, string> Methods = new[] { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }
        .ToDictionary(m => m, m => m, StringComparer.OrdinalIgnoreCase);

    public static StepAction? Parse(ParseContext context, MappingNode step, string path, int ordinal)
    {
        var httpPath = FieldPath.Child(path, "http");
        var http = context.Reader.Mapping(step["http"], httpPath, "a mapping with at least 'url'");
        if (http is null)
        {
            if (step["http"] is ScalarNode { Kind: ScalarKind.Null } empty)
            {
                context.Diagnostics.Error(DiagnosticCodes.MissingKey, empty.Location, httpPath, "http needs a 'url'");
            }

            return null;
        }

        UnknownKeys.Report(context.Diagnostics, http, httpPath, Keys, "http");
        var url = ReadUrl(context, http, httpPath, ordinal);
        var method = ReadMethod(context, http, httpPath);
        var bodyPath = FieldPath.Child(httpPath, "body");
        var body = context.Reader.Text(http["body"], bodyPath);
        context.AddSite(body, bodyPath, ExpressionScope.Step, ordinal);
        var action = new HttpAction
        {
            Url = url ?? string.Empty,
            Method = method,
            Headers = StringMapParser.Read(context, http["headers"], FieldPath.Child(httpPath, "headers"), MapKeyRule.Any, ExpressionScope.Step, ordinal),
            Body = body?.Value,
            ExpectedStatus = ReadStatusCodes(context, http["expected_status"], FieldPath.Child(httpPath, "expected_status")),
            RequestTimeout = context.Reader.Duration(http["timeout"], FieldPath.Child(httpPath, "timeout"), mustBePositive: true),
        };
        return url is null ? null : action;
    }

    private static string? ReadUrl(ParseContext context, MappingNode http, string httpPath, int ordinal)
    {
        var urlPath = FieldPath.Child(httpPath, "url");
        if (!http.Contains("url"))
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingKey, http.Location, httpPath, "http needs a 'url'");
            return null;
        }

        var url = context.Reader.Text(http["url"], urlPath);
        if (url is null)
        {
            return null;
        }

        context.AddSite(url, urlPath, ExpressionScope.Step, ordinal);
        if (UrlProblem(url.Value) is { } problem)
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidUrl, url.Location, urlPath, problem);
        }

        return url.Value;
    }

    /// <summary>
    /// Checks the URL as far as it is known before the run: expressions are replaced by a placeholder,
    /// and a URL that starts with an expression (a base URL input) cannot be checked at all.
    /// </summary>
    private static string? UrlProblem(string url)
    {
        if (url.TrimStart().StartsWith(ExpressionTemplate.Open, StringComparison.Ordinal))
        {
            return null;
        }

        string candidate;
        try
        {
            var template = ExpressionTemplate.Parse(url);
            candidate = string.Concat(template.Segments.Select(s => s is TextSegment text ? text.Text : "placeholder"));
        }
        catch (ExpressionSyntaxException)
        {
            return null;
        }

        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return $"'{url}' is not an absolute URL; write it like https://example.com/health";
        }

        return uri.Scheme is "http" or "https"
            ? null
            : $"'{url}' uses the scheme '{uri.Scheme}'; http steps support http and https";
    }

    private static string ReadMethod(ParseContext context, MappingNode http, string httpPath)
    {
        var methodPath = FieldPath.Child(httpPath, "method");
        var scalar = context.Reader.Text(http["method"], methodPath);
        if (scalar is null)
        {
            return "GET";
        }

        if (Methods.TryGetValue(scalar.Value, out var method))
        {
            return method;
        }

        context.Diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location, methodPath, $"invalid HTTP method '{scalar.Value}'; expected one of: {string.Join(", ", Methods.Keys)}");
        return "GET";
    }

    private static List<int> ReadStatusCodes(ParseContext context, SourceNode? node, string path)
    {
        var codes = new List<int>();
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a status code or a list of status codes"))
        {
            if (context.Reader.Integer(item, itemPath, 100, 599) is { } code)
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
