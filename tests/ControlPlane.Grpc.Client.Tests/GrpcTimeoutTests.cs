using Grpc.Net.Client.Internal;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>grpc-timeout: at most 8 digits and a unit; the finest unit that fits, rounded up.</summary>
public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData(1, "100n")]
    [InlineData(999_999, "99999900n")]
    [InlineData(1_000_000, "100000u")]
    [InlineData(1_000_001, "100001u")]
    [InlineData(999_999_990, "99999999u")]
    [InlineData(999_999_999, "100000m")]
    [InlineData(1_000_000_000, "100000m")]
    [InlineData(1_000_000_001, "100001m")]
    [InlineData(TimeSpan.TicksPerDay, "86400000m")]
    [InlineData(2 * TimeSpan.TicksPerDay, "172800S")]
    [InlineData(5000 * TimeSpan.TicksPerDay, "7200000M")]
    [InlineData(500_000 * TimeSpan.TicksPerDay, "12000000H")]
    public void Formats_with_the_finest_unit_that_fits_eight_digits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Everyday_timeouts_are_sent_in_microseconds()
    {
        Assert.Equal("5000000u", GrpcTimeout.Format(TimeSpan.FromSeconds(5)));
        Assert.Equal("299000u", GrpcTimeout.Format(TimeSpan.FromMilliseconds(299)));
    }

    [Fact]
    public void An_expired_timeout_is_the_smallest_positive_one()
    {
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-3)));
    }

    [Fact]
    public void A_huge_timeout_is_capped_at_eight_digits_of_hours()
    {
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }
}
