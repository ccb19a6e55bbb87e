namespace ControlPlane.Agent.Executors.Shell;

/// <summary>The interpreter a step's script runs in.</summary>
public enum ShellKind
{
    /// <summary>
    /// <c>bash --noprofile --norc -e -o pipefail script</c>: stops at the first failing command, and a pipeline fails
    /// when any part of it fails (not only the last), as GitHub Actions runs bash steps.
    /// </summary>
    Bash,

    /// <summary><c>sh -e script</c>: POSIX sh stops at the first failing command; it has no pipefail.</summary>
    Sh,
}
