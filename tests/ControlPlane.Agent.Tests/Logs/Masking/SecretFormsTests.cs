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

    private static string Base64(string text) => Convert.ToBase64String(Bytes(text));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
