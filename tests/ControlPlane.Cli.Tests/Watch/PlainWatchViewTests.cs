using ControlPlane.Cli.Output;
using ControlPlane.Cli.Watch;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Watch;

public sealed class PlainWatchViewTests
{
    [Fact]
    public void The_first_read_shows_every_step_and_later_reads_only_what_changed()
    {
        var view = new PlainWatchView(new CliConsole(TextWriter.Null, TextWriter.Null, isTerminal: false), TimeProvider.System);
        var run = new GetRunResponse
        {
            Run = new Run { Id = 4, State = RunState.Running },
            Steps =
            {
                new Step { Key = "build", State = StepState.Running, Attempts = { new Attempt { Number = 1, RunnerName = "r1" } } },
                new Step { Key = "test", State = StepState.Ready, PendingReason = "no connected runner has labels [gpu]" },
            },
        };

        Assert.Equal(
            ["run 4 running", "build running (attempt 1 on r1)", "test ready: no connected runner has labels [gpu]"],
            view.Changes(run));
        Assert.Empty(view.Changes(run.Clone()));

        var next = run.Clone();
        next.Steps[0].State = StepState.Succeeded;
        next.Steps[0].ExitCode = 0;
        Assert.Equal(["build succeeded (attempt 1 on r1, exit 0)"], view.Changes(next));
    }
}
