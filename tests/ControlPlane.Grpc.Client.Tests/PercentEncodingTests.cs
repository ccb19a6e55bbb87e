using Grpc.Net.Client.Internal;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>grpc-message decoding: %XX escapes of UTF-8 bytes; malformed escapes are kept, never fatal.</summary>
public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a%20b", "a b")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("caf%c3%a9", "café")]
    [InlineData("%09tab%0Anewline%0D", "\ttab\nnewline\r")]
    [InlineData("50%25", "50%")]
    [InlineData("%F0%9F%98%88", "😈")]
    [InlineData("100%", "100%")]
    [InlineData("%zz and %4", "%zz and %4")]
    [InlineData("", "")]
    public void Decodes_percent_escaped_UTF8(string wire, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(wire));
    }

    [Fact]
    public void Raw_UTF8_bytes_read_as_Latin1_by_HttpClient_are_recovered()
    {
        // A lax server sends UTF-8 without escaping; the HTTP stack hands the bytes over as Latin-1 chars.
        var latin1 = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("héllo ☺"));

        Assert.Equal("héllo ☺", PercentEncoding.Decode(latin1));
    }
}
