using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Tests.Processes;

public sealed class ProcessStatTests
{
    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        const string line = "4242 (evil) (name) x) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1000 100\n";

        Assert.True(ProcessStat.TryParse(line, out var stat));
        Assert.Equal(new ProcessStat(4242, 'S', 17, 4242, 4242, 987654), stat);
    }

    [Fact]
    public void The_agents_own_stat_parses_and_matches_its_pid()
    {
        var stat = ProcessTable.TryRead(Environment.ProcessId);

        Assert.NotNull(stat);
        Assert.Equal(Environment.ProcessId, stat.Value.Pid);
        Assert.True(stat.Value.StartTime > 0);
        Assert.Contains(ProcessTable.Snapshot(), p => p.Pid == Environment.ProcessId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 (truncated")]
    [InlineData("12 (short) S 1 2")]
    public void Garbage_is_not_a_stat(string line) => Assert.False(ProcessStat.TryParse(line, out _));
}
