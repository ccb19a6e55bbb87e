namespace ControlPlane.Cli.Completion;

/// <summary>
/// Shell glue for completion. Each script hands the command line and the cursor position to
/// <c>cpctl "[suggest:POSITION]" "LINE"</c>, System.CommandLine's completion directive, and offers the lines it prints;
/// the candidates therefore always match the commands and options this cpctl has.
/// </summary>
internal static class CompletionScripts
{
    /// <summary>The shells a script exists for.</summary>
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    /// <summary>The script for <paramref name="shell"/>, one of <see cref="Shells"/>.</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "no completion script for this shell"),
    };

    private const string Bash = """
        # cpctl completion for bash: source <(cpctl completion bash)
        _cpctl_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}" word="$2" candidate
            local IFS=$'\n'
            COMPREPLY=()
            for candidate in $(command cpctl "[suggest:${#line}]" "$line" 2>/dev/null); do
                [[ "$candidate" == "$word"* ]] && COMPREPLY+=("$candidate")
            done
        }
        complete -o default -o nosort -F _cpctl_complete cpctl

        """;

    private const string Zsh = """
        #compdef cpctl
        # cpctl completion for zsh: source <(cpctl completion zsh) after compinit
        _cpctl_complete()
        {
            local line="${BUFFER[1,CURSOR]}"
            local -a candidates
            candidates=("${(@f)$(command cpctl "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -Q -- "${candidates[@]}"
        }
        compdef _cpctl_complete cpctl

        """;

    private const string Fish = """
        # cpctl completion for fish: cpctl completion fish | source
        function __cpctl_complete
            set -l line (commandline -cp)
            command cpctl "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c cpctl -f -a '(__cpctl_complete)'

        """;
}
