using ControlPlane.Grpc.Server.Internal;

namespace ControlPlane.Grpc.Server.Tests;

public sealed class GrpcMessageEncodingTests
{
    [Theory]
    [InlineData("plain ascii message stays as it is", "plain ascii message stays as it is")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("\t\n", "%09%0A")]
    [InlineData("a ☺", "a %E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    [InlineData("~\u007f", "~%7F")]
    public void Bytes_outside_printable_ascii_and_the_percent_sign_are_percent_encoded(string message, string expected)
    {
        Assert.Equal(expected, GrpcMessageEncoding.Encode(message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("test status message")]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData("%41 is not an escape in the original")]
    public void Decoding_an_encoded_message_gives_it_back(string message)
    {
        var encoded = GrpcMessageEncoding.Encode(message);
        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Equal(message, GrpcMessageEncoding.Decode(encoded));
        Assert.Equal(message, Uri.UnescapeDataString(encoded));
    }

    [Theory]
    [InlineData("%zz", "%zz")]
    [InlineData("50%", "50%")]
    [InlineData("%4", "%4")]
    [InlineData("%e2%98%ba", "☺")]
    public void Malformed_escapes_are_kept_as_text_when_decoding(string value, string expected)
    {
        Assert.Equal(expected, GrpcMessageEncoding.Decode(value));
    }
}
