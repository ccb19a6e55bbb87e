namespace ControlPlane.Core.Definitions;

public enum ShellKind
{
    /// <summary><c>bash -eo pipefail</c>: the default.</summary>
    Bash,

    /// <summary>POSIX <c>sh -e</c>, for minimal images.</summary>
    Sh,
}
