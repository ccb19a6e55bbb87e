namespace ControlPlane.Cli.Commands;

/// <summary>Every command cpctl knows, in the order help lists them. Adding a command is one line here.</summary>
internal static class CommandCatalog
{
    /// <summary>Fresh instances of every command.</summary>
    public static IReadOnlyList<ICliCommand> Create() =>
    [
        new ApplyCommand(),
        new ValidateCommand(),
        new RunCommand(),
        new RunsListCommand(),
        new RunsGetCommand(),
        new StatsCommand(),
        new LogsCommand(),
        new WatchCommand(),
        new CancelCommand(),
        new RetryCommand(),
        new RunnersListCommand(),
        new RunnersDrainCommand(),
        new RunnersRemoveCommand(),
        new NotificationsListCommand(),
        new TokensCreateCommand(),
        new TokensListCommand(),
        new TokensRevokeCommand(),
        new VersionCommand(),
        new Dev.DevCommand(),
    ];
}
