using ControlPlane.Cli;
using ControlPlane.Cli.Output;

// Composition root: the real console, environment and clock; Ctrl+C cancels the command (exit 130).
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

return await CliApp.RunAsync(args, CliConsole.System(), Environment.GetEnvironmentVariable, TimeProvider.System, interrupt.Token);
