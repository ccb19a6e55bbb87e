using ControlPlane.Core.Auth;

namespace ControlPlane.Server.Auth;

/// <summary>Who may call a method: anyone, the method itself (it checks a credential of its own), or callers with a role.</summary>
public sealed record AccessRule
{
    private AccessRule(AccessKind kind, IReadOnlySet<ApiTokenRole> roles, string description)
    {
        Kind = kind;
        Roles = roles;
        Description = description;
    }

    /// <summary>Needs no credentials.</summary>
    public static AccessRule Anyone { get; } = new(AccessKind.Anyone, new HashSet<ApiTokenRole>(), "anyone");

    /// <summary>Authenticated by the method itself, e.g. by a registration token in the request or a runner token.</summary>
    public static AccessRule OwnCredentials { get; } = new(AccessKind.OwnCredentials, new HashSet<ApiTokenRole>(), "its own credentials");

    /// <summary>Reads: viewer, operator or admin.</summary>
    public static AccessRule Viewer { get; } = ForRoles("viewer", ApiTokenRole.Viewer, ApiTokenRole.Operator, ApiTokenRole.Admin);

    /// <summary>Changes to workflows and runs: operator or admin.</summary>
    public static AccessRule Operator { get; } = ForRoles("operator", ApiTokenRole.Operator, ApiTokenRole.Admin);

    /// <summary>Administration: admin only.</summary>
    public static AccessRule Admin { get; } = ForRoles("admin", ApiTokenRole.Admin);

    public AccessKind Kind { get; }

    /// <summary>The roles allowed when <see cref="Kind"/> is <see cref="AccessKind.Role"/>.</summary>
    public IReadOnlySet<ApiTokenRole> Roles { get; }

    /// <summary>The least role that may call, as named in a PERMISSION_DENIED message.</summary>
    public string Description { get; }

    public bool Allows(ApiTokenRole role) => Kind != AccessKind.Role || Roles.Contains(role);

    private static AccessRule ForRoles(string least, params ApiTokenRole[] roles) => new(AccessKind.Role, roles.ToHashSet(), least);
}
