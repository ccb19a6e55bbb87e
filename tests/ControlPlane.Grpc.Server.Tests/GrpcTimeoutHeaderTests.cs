using ControlPlane.Grpc.Server.Internal;

namespace ControlPlane.Grpc.Server.Tests;

public sealed class GrpcTimeoutHeaderTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("3610S", 36_100_000_000L)]
    [InlineData("299m", 2_990_000L)]
    [InlineData("5u", 50L)]
    [InlineData("700n", 7L)]
    [InlineData("0m", 0L)]
    [InlineData("00000001S", 10_000_000L)]
    [InlineData("99999999H", 99_999_999L * 36_000_000_000L)]
    public void Each_of_the_six_units_is_parsed(string header, long expectedTicks)
    {
        Assert.True(GrpcTimeoutHeader.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), timeout);
    }

    [Theory]
    [InlineData("1n")]
    [InlineData("150n")]
    public void Nanoseconds_round_up_so_a_positive_timeout_is_never_zero(string header)
    {
        Assert.True(GrpcTimeoutHeader.TryParse(header, out var timeout));
        Assert.True(timeout > TimeSpan.Zero);
        Assert.True(timeout <= TimeSpan.FromTicks(2));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData(" 1S")]
    [InlineData("1 S")]
    [InlineData("1.5S")]
    [InlineData("1SS")]
    [InlineData("１S")]
    public void Anything_outside_the_grammar_is_rejected(string? header)
    {
        Assert.False(GrpcTimeoutHeader.TryParse(header, out _));
    }
}
