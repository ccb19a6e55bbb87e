namespace ControlPlane.Core.Definitions;

/// <summary>The words of <c>notify.on</c> and their flags; shared by the workflow parser and the server's defaults.</summary>
public static class NotifyEventNames
{
    /// <summary>Every word, in the order the docs list them.</summary>
    public static IReadOnlyDictionary<string, NotifyEvents> Words { get; } = new Dictionary<string, NotifyEvents>(StringComparer.Ordinal)
    {
        ["started"] = NotifyEvents.Started,
        ["succeeded"] = NotifyEvents.Succeeded,
        ["failed"] = NotifyEvents.Failed,
        ["cancelled"] = NotifyEvents.Cancelled,
        ["step_finished"] = NotifyEvents.StepFinished,
    };

    /// <summary>The formats of <c>notify.format</c>.</summary>
    public static IReadOnlyDictionary<string, NotifyFormat> Formats { get; } = new Dictionary<string, NotifyFormat>(StringComparer.Ordinal)
    {
        ["json"] = NotifyFormat.Json,
        ["slack"] = NotifyFormat.Slack,
    };

    /// <summary>The words set in <paramref name="events"/>, in <see cref="Words"/> order.</summary>
    public static IReadOnlyList<string> ToWords(NotifyEvents events) =>
        [.. Words.Where(w => events.HasFlag(w.Value)).Select(w => w.Key)];
}
