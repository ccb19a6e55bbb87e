namespace ControlPlane.Server.Notifications;

/// <summary>An alert that fired: which rule, about which workflow, why, and the run that set it off if one did.</summary>
public sealed record AlertNotice(AlertRuleOptions Rule, string Workflow, string Message, RunNotice? Run)
{
    /// <summary>e.g. <c>alert.success_rate_below</c>.</summary>
    public string Event => "alert." + Core.StateMachines.EnumText.ToText(Rule.Kind);
}
