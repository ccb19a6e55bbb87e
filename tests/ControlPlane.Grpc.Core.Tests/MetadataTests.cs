using Grpc.Core;

namespace ControlPlane.Grpc.Core.Tests;

public class MetadataTests
{
    [Fact]
    public void Keys_are_normalized_to_lower_case()
    {
        var metadata = new Metadata { { "X-Trace-Id", "abc" } };

        Assert.Equal("x-trace-id", metadata[0].Key);
        Assert.Equal("abc", metadata.GetValue("X-TRACE-ID"));
    }

    [Fact]
    public void A_binary_entry_needs_the_bin_suffix_and_an_ascii_entry_must_not_have_it()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("token", [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("token-bin", "text"));
    }

    [Fact]
    public void Binary_values_are_copied_in_and_out()
    {
        byte[] bytes = [1, 2, 3];
        var entry = new Metadata.Entry("blob-bin", bytes);
        bytes[0] = 9;
        var copy = entry.ValueBytes;
        copy[1] = 9;

        Assert.True(entry.IsBinary);
        Assert.Equal(new byte[] { 1, 2, 3 }, entry.ValueBytes);
        Assert.Throws<InvalidOperationException>(() => entry.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:key")]
    [InlineData("ümlaut")]
    public void Invalid_keys_are_refused_with_a_message_naming_the_key(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new Metadata.Entry(key, "v"));
        Assert.Contains("key", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Get_returns_the_last_entry_and_GetAll_every_entry_in_order()
    {
        var metadata = new Metadata { { "k", "1" }, { "other", "x" }, { "k", "2" } };

        Assert.Equal("2", metadata.GetValue("k"));
        Assert.Equal(["1", "2"], metadata.GetAll("k").Select(e => e.Value));
        Assert.Null(metadata.Get("missing"));
    }

    [Fact]
    public void The_shared_empty_instance_cannot_be_modified()
    {
        Assert.True(Metadata.Empty.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("k", "v"));
    }
}
