using System.Text;

namespace ControlPlane.Cli.Parsing;

/// <summary>Help text generated from the command specs, so it never drifts from what the parser accepts.</summary>
internal static class HelpWriter
{
    /// <summary>"runs list [--workflow W] ..." without the program name.</summary>
    public static string Usage(CommandSpec command)
    {
        var parts = new List<string> { command.Name };
        parts.AddRange(command.Arguments.Select(a => a.Synopsis));
        if (command.Options.Count > 0)
        {
            parts.Add("[options]");
        }

        return string.Join(' ', parts);
    }

    /// <summary>Help for <paramref name="path"/>: one command, a group such as <c>runs</c>, or everything when empty.</summary>
    public static string Render(IReadOnlyList<string> path, IReadOnlyList<CommandSpec> commands)
    {
        var exact = commands.FirstOrDefault(c => c.Path.SequenceEqual(path));
        if (exact is not null)
        {
            return RenderCommand(exact);
        }

        var matching = commands.Where(c => c.Path.Take(path.Count).SequenceEqual(path)).ToList();
        if (matching.Count == 0)
        {
            throw new UsageException($"help: unknown command '{string.Join(' ', path)}'; run 'cpctl --help' for the list");
        }

        return RenderList(matching, path.Count == 0);
    }

    private static string RenderList(List<CommandSpec> commands, bool everything)
    {
        var text = new StringBuilder();
        if (everything)
        {
            text.AppendLine("cpctl: the ControlPlane operators' CLI");
            text.AppendLine();
        }

        text.AppendLine("Usage: cpctl COMMAND [arguments] [options]");
        text.AppendLine();
        text.AppendLine("Commands:");
        var width = commands.Max(c => Usage(c).Length);
        foreach (var command in commands)
        {
            text.Append("  ").Append(Usage(command).PadRight(width + 2)).AppendLine(command.Summary);
        }

        text.AppendLine();
        AppendOptions(text, "Global options:", GlobalOptions.Specs);
        if (everything)
        {
            text.AppendLine();
            text.AppendLine("Configuration: flags, then CP_SERVER / CP_TOKEN / CP_CA_CERT, then the file $CP_CONFIG or");
            text.AppendLine("~/.config/cpctl/config.json ({\"server\": ..., \"token\": ..., \"caCert\": ...}).");
            text.AppendLine("Exit codes: 0 success, 1 failed (run failed or cancelled, invalid workflow, request refused),");
            text.AppendLine("2 usage error, 3 server unreachable or credentials refused, 130 interrupted.");
        }

        text.AppendLine();
        text.AppendLine("Run 'cpctl COMMAND --help' for a command's arguments and options.");
        return text.ToString();
    }

    private static string RenderCommand(CommandSpec command)
    {
        var text = new StringBuilder();
        text.Append("Usage: cpctl ").AppendLine(Usage(command));
        text.AppendLine();
        text.AppendLine(command.Summary);
        if (command.Arguments.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Arguments:");
            var width = command.Arguments.Max(a => a.Name.Length);
            foreach (var argument in command.Arguments)
            {
                text.Append("  ").Append(argument.Name.PadRight(width + 2)).AppendLine(argument.Help);
            }
        }

        if (command.Options.Count > 0)
        {
            text.AppendLine();
            AppendOptions(text, "Options:", command.Options);
        }

        text.AppendLine();
        AppendOptions(text, "Global options:", GlobalOptions.Specs);
        if (command.Examples is { Count: > 0 } examples)
        {
            text.AppendLine();
            text.AppendLine("Examples:");
            foreach (var example in examples)
            {
                text.Append("  ").AppendLine(example);
            }
        }

        return text.ToString();
    }

    private static void AppendOptions(StringBuilder text, string title, IReadOnlyList<OptionSpec> options)
    {
        text.AppendLine(title);
        var width = options.Max(o => o.Synopsis.Length);
        foreach (var option in options)
        {
            var repeat = option.Repeatable ? " (repeatable)" : string.Empty;
            text.Append("  ").Append(option.Synopsis.PadRight(width + 2)).Append(option.Help).AppendLine(repeat);
        }
    }
}
