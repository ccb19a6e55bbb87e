using System.Text;
using ControlPlane.Agent.Logs.Masking;

namespace ControlPlane.Agent.Tests.Logs.Masking;

public sealed class SecretFormsTests
{
    private const string Secret = "p4ssw0rd-with-some-length";

    [Fact]
    public void The_standard_base64_of_a_secret_is_masked_padding_included()
    {
        var masker = new SecretMasker(["ab1"]);
        var single = new SecretMasker(["abcd"]);

        Assert.Equal("token=***\n", Text(masker.Mask(Bytes($"token={Base64("ab1")}\n"))));
        Assert.Equal("token=***\n", Text(single.Mask(Bytes($"token={Base64("abcd")}\n"))));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("u", "")]
    [InlineData("us", "")]
    [InlineData("user:", "")]
    [InlineData("", "\n")]
    [InlineData("u", "\n")]
    [InlineData("user:", "\r\n")]
    [InlineData("alice:", "-suffix")]
    public void A_secret_inside_a_longer_base64_text_is_masked_at_every_alignment(string prefix, string suffix)
    {
        var encoded = Base64(prefix + Secret + suffix);
        var masked = Text(new SecretMasker([Secret]).Mask(Bytes(encoded)));

        // Every base64 character whose 3-byte group lies wholly inside the secret must be under the mask.
        var firstWholeGroup = (prefix.Length + 2) / 3;
        var endOfWholeGroups = (prefix.Length + Secret.Length) / 3;
        var star = masked.IndexOf("***", StringComparison.Ordinal);
        Assert.True(star >= 0, $"nothing masked in {masked}");
        var head = masked[..star];
        var tail = masked[(star + 3)..];
        Assert.StartsWith(head, encoded, StringComparison.Ordinal);
        Assert.EndsWith(tail, encoded, StringComparison.Ordinal);
        Assert.True(head.Length <= 4 * firstWholeGroup, $"'{head}' reveals secret bits of {encoded}");
        Assert.True(encoded.Length - tail.Length >= 4 * endOfWholeGroups, $"'{tail}' reveals secret bits of {encoded}");
    }

    [Fact]
    public void Each_base64_form_is_masked_across_every_split_position()
    {
        var text = Bytes($"a {Base64(Secret)} b {Base64("x" + Secret)} c");
        var masker = new SecretMasker([Secret]);
        var expected = Text(masker.Mask(text));

        for (var split = 0; split <= text.Length; split++)
        {
            Assert.Equal(expected, Text(StreamMaskerTests.MaskInChunks(masker, text, [split])));
        }

        Assert.DoesNotContain(Base64(Secret)[..8], expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_derived_forms_are_not_registered_because_they_would_mask_ordinary_text()
    {
        var forms = SecretForms.Of("abc").Select(Text).ToList();

        Assert.Contains("abc", forms);
        Assert.Contains("YWJj", forms);
        Assert.All(forms, f => Assert.True(f.Length >= 3));
        Assert.Empty(SecretForms.Of(""));
    }

    [Theory]
    [InlineData("token 70347373773072642d776974682d736f6d652d6c656e677468 sent")]
    [InlineData("token 70347373773072642D776974682D736F6D652D6C656E677468 sent")]
    [InlineData("dump 00ff70347373773072642d776974682d736f6d652d6c656e67746800 end")]
    public void The_hex_of_a_secret_is_masked_in_either_case_and_inside_longer_hex(string line)
    {
        var masked = Text(new SecretMasker([Secret]).Mask(Bytes(line)));

        Assert.Contains("***", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("7034737377", masked, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("6c656e677468", masked, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("curl -d 'password=p%40ss%20w%2Frd%3Dx%2B1&x=1'")]
    [InlineData("GET /?password=p%40ss%20w%2frd%3dx%2b1 HTTP/1.1")]
    [InlineData("password=p%40ss+w%2Frd%3Dx%2B1")]
    [InlineData("all=%70%40%73%73%20%77%2F%72%64%3D%78%2B%31")]
    [InlineData("all=%70%40%73%73%20%77%2f%72%64%3d%78%2b%31")]
    public void The_url_encoded_forms_of_a_secret_are_masked(string line)
    {
        var masked = Text(new SecretMasker(["p@ss w/rd=x+1"]).Mask(Bytes(line)));

        Assert.Contains("***", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("ss", masked[masked.IndexOf('=', StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("%73%73", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hex_and_url_forms_are_masked_across_every_split_position()
    {
        const string secret = "s3cr3t/with space";
        var text = Bytes($"a {Convert.ToHexStringLower(Bytes(secret))} b {Convert.ToHexString(Bytes(secret))} c {Uri.EscapeDataString(secret)} d");
        var masker = new SecretMasker([secret]);
        var expected = Text(masker.Mask(text));
        Assert.Equal("a *** b *** c *** d", expected);

        for (var split = 0; split <= text.Length; split++)
        {
            Assert.Equal(expected, Text(StreamMaskerTests.MaskInChunks(masker, text, [split])));
        }
    }

    [Fact]
    public void A_secret_made_only_of_unreserved_characters_registers_its_url_form_once()
    {
        var forms = SecretForms.Of("abcdef").Select(Text).ToList();

        Assert.Contains("616263646566", forms);
        Assert.Contains("%61%62%63%64%65%66", forms);
        Assert.Equal(forms.Distinct().Count(), new SecretMasker(["abcdef"]).FormCount);
    }

    private static string Base64(string text) => Convert.ToBase64String(Bytes(text));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
