using ControlPlane.Core.Definitions;

namespace ControlPlane.Server.Notifications;

/// <summary>A notification target in server configuration, with the fields of a workflow's <c>notify:</c> entry.</summary>
public sealed class NotifyTargetOptions
{
    /// <summary>The endpoint; exactly one of this and <see cref="UrlEnv"/>.</summary>
    public string? Url { get; set; }

    /// <summary>An environment variable holding the endpoint's URL.</summary>
    public string? UrlEnv { get; set; }

    /// <summary>Events: started, succeeded, failed, cancelled, step_finished. Default: failed.</summary>
    public List<string> On { get; set; } = [];

    /// <summary><c>json</c> (default) or <c>slack</c>.</summary>
    public string Format { get; set; } = "json";

    /// <summary>An environment variable holding the HMAC-SHA256 key the body is signed with; none by default.</summary>
    public string? SecretEnv { get; set; }

    /// <summary>The target, or the problems with it, each naming <paramref name="path"/>.</summary>
    public NotifyTarget? ToTarget(string path, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrEmpty(Url) == string.IsNullOrEmpty(UrlEnv))
        {
            problems.Add($"{path}: needs exactly one of Url or UrlEnv");
        }

        if (!string.IsNullOrEmpty(Url) && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add($"{path}:Url: '{Url}' is not an absolute http or https URL");
        }

        var on = NotifyEvents.None;
        foreach (var word in On)
        {
            if (NotifyEventNames.Words.TryGetValue(word, out var flag))
            {
                on |= flag;
            }
            else
            {
                problems.Add($"{path}:On: unknown event '{word}'; expected one of: {string.Join(", ", NotifyEventNames.Words.Keys)}");
            }
        }

        if (!NotifyEventNames.Formats.TryGetValue(Format, out var format))
        {
            problems.Add($"{path}:Format: '{Format}' is not json or slack");
        }

        return problems.Count > before
            ? null
            : new NotifyTarget(NullIfEmpty(Url), NullIfEmpty(UrlEnv), On.Count == 0 ? NotifyTarget.DefaultEvents : on, format, NullIfEmpty(SecretEnv));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
