namespace ControlPlane.Server.Notifications;

/// <summary>An alert whose condition holds; it is sent only if its rule has not fired for <paramref name="Subject"/> within the window.</summary>
/// <param name="Subject">What "once per window" counts per: the workflow's name.</param>
public sealed record AlertCandidate(string Subject, AlertNotice Notice);
