using System.Text;

namespace ControlPlane.Agent.Executors.Http;

/// <summary>Turns an http step into a request, refusing what cannot be sent with a message naming the field.</summary>
internal static class HttpRequestFactory
{
    /// <exception cref="StepSetupException">Bad method, URL or header.</exception>
    public static HttpRequestMessage Create(HttpStep step)
    {
        if (!Uri.TryCreate(step.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new StepSetupException($"url '{step.Url}' must be an absolute http or https URL.");
        }

        HttpMethod method;
        try
        {
            method = string.IsNullOrWhiteSpace(step.Method) ? HttpMethod.Get : HttpMethod.Parse(step.Method.Trim().ToUpperInvariant());
        }
        catch (FormatException)
        {
            throw new StepSetupException($"method '{step.Method}' is not a valid HTTP method.");
        }

        var request = new HttpRequestMessage(method, url);
        if (!string.IsNullOrEmpty(step.Body))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(step.Body));
        }

        foreach (var (name, value) in step.Headers)
        {
            if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                throw new StepSetupException($"headers['{name}'] contains a line break.");
            }

            if (request.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // A content header (Content-Type, ...) belongs on the body, which may be empty.
            request.Content ??= new ByteArrayContent([]);
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
            {
                throw new StepSetupException($"headers['{name}'] is not a valid header name.");
            }
        }

        return request;
    }

    /// <summary>The URL for a log line: without user and password.</summary>
    public static string Printable(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url.AbsoluteUri : url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
}
