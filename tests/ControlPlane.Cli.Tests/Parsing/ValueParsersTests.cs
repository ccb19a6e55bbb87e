using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Parsing;

public sealed class ValueParsersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Since_reads_an_age_back_from_now_or_a_date_as_utc()
    {
        Assert.Equal(Now.AddHours(-1), ValueParsers.PointInTime("1h", "--since").Resolve(Now));
        Assert.Equal(Now.AddDays(-2), ValueParsers.PointInTime("2d", "--since").Resolve(Now));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), ValueParsers.PointInTime("2026-11-01", "--since").Resolve(Now));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), ValueParsers.PointInTime("2026-11-01T12:00:00+02:00", "--since").Resolve(Now));
        Assert.Throws<UsageException>(() => ValueParsers.PointInTime("yesterday", "--since").Resolve(Now));
    }

    [Fact]
    public void States_may_be_repeated_or_comma_separated_and_a_typo_gets_a_suggestion()
    {
        Assert.Equal([RunState.Failed, RunState.Cancelled, RunState.Running], ValueParsers.RunStates(["failed,cancelled", "running"], "--state"));

        var error = Assert.Throws<UsageException>(() => ValueParsers.RunStates(["faild"], "runs list --state"));
        Assert.Contains("did you mean 'failed'", error.Message);
    }

    [Fact]
    public void Key_values_split_at_the_first_equals_sign_and_a_later_key_wins()
    {
        var map = ValueParsers.KeyValues(["a=1", "b=x=y", "a=2", "empty="], "-i");

        Assert.Equal("2", map["a"]);
        Assert.Equal("x=y", map["b"]);
        Assert.Equal(string.Empty, map["empty"]);
        Assert.Throws<UsageException>(() => ValueParsers.KeyValues(["=1"], "-i"));
    }

    [Fact]
    public void Ids_are_positive_numbers_optionally_written_with_a_hash()
    {
        Assert.Equal(12, ValueParsers.Id("12", "RUN"));
        Assert.Equal(12, ValueParsers.Id("#12", "RUN"));
        Assert.Throws<UsageException>(() => ValueParsers.Id("0", "RUN"));
        Assert.Throws<UsageException>(() => ValueParsers.Id("-3", "RUN"));
    }

    [Fact]
    public void Roles_and_durations_name_what_is_accepted_when_wrong()
    {
        Assert.Equal(ApiTokenRole.Operator, ValueParsers.Role("operator", "--role"));
        Assert.Equal(TimeSpan.FromDays(30), ValueParsers.Duration("30d", "--ttl"));
        Assert.Contains("admin, operator, viewer, runner", Assert.Throws<UsageException>(() => ValueParsers.Role("root", "--role")).Message);
        Assert.Contains("--ttl", Assert.Throws<UsageException>(() => ValueParsers.Duration("a month", "--ttl")).Message);
    }
}
