using System.Buffers;
using System.Text;
using ControlPlane.Agent.Logs.Masking;

namespace ControlPlane.Agent.Tests.Logs.Masking;

public sealed class StreamMaskerTests
{
    [Fact]
    public void A_secret_is_masked_wherever_the_stream_is_split()
    {
        var secret = "hunter2-s3cr3t";
        var text = Bytes($"login with {secret} now\n");
        var masker = new SecretMasker([secret]);

        for (var split = 0; split <= text.Length; split++)
        {
            Assert.Equal("login with *** now\n", Text(MaskInChunks(masker, text, [split])));
        }
    }

    [Fact]
    public void A_secret_is_masked_for_every_pair_of_split_positions()
    {
        var secret = "abcdef";
        var text = Bytes($"x{secret}y{secret}{secret}");
        var masker = new SecretMasker([secret]);

        for (var first = 0; first <= text.Length; first++)
        {
            for (var second = first; second <= text.Length; second++)
            {
                Assert.Equal("x***y******", Text(MaskInChunks(masker, text, [first, second])));
            }
        }
    }

    [Fact]
    public void Random_secrets_in_random_chunkings_mask_exactly_as_the_whole_text_would()
    {
        var random = new Random(20250101);
        for (var round = 0; round < 500; round++)
        {
            // A four-letter alphabet makes overlapping and nested matches common.
            var secrets = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomText(random, random.Next(1, 7))).ToList();
            var text = Bytes(string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.Next(3) == 0 ? secrets[random.Next(secrets.Count)] : RandomText(random, random.Next(0, 8)))));
            var masker = new SecretMasker(secrets);
            var expected = MaskingOracle.Mask(text, secrets);

            for (var chunking = 0; chunking < 5; chunking++)
            {
                var splits = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(0, text.Length + 1)).Order().ToArray();
                // The smallest hold cap forces long runs out early; the output must not change.
                foreach (var holdCap in new int?[] { null, 2 * masker.MaxFormLength })
                {
                    var actual = MaskInChunks(masker, text, splits, holdCap);
                    Assert.True(expected.SequenceEqual(actual), $"round {round}: secrets [{string.Join(", ", secrets)}] text '{Text(text)}' splits [{string.Join(",", splits)}] cap {holdCap}: expected '{Text(expected)}', got '{Text(actual)}'");
                }
            }
        }
    }

    [Fact]
    public void Overlapping_secrets_become_one_mask_and_adjacent_ones_two()
    {
        var masker = new SecretMasker(["abcd", "cdef"]);

        Assert.Equal("xx***yy", Text(masker.Mask(Bytes("xxabcdefyy"))));
        Assert.Equal("******", Text(masker.Mask(Bytes("abcdcdef"))));
    }

    [Fact]
    public void Only_a_possible_secret_beginning_is_held_back_and_it_is_released_by_the_next_byte_or_the_end()
    {
        var masker = new SecretMasker(["secret"]).CreateStreamMasker();
        var output = new ArrayBufferWriter<byte>();

        masker.Write(Bytes("prompt> sec"), output);
        Assert.Equal("prompt> ", Text(output.WrittenSpan.ToArray()));
        Assert.Equal(3, masker.HeldBytes);

        masker.Write(Bytes("o"), output);
        Assert.Equal("prompt> seco", Text(output.WrittenSpan.ToArray()));

        masker.Write(Bytes(" se"), output);
        masker.Complete(output);
        Assert.Equal("prompt> seco se", Text(output.WrittenSpan.ToArray()));
    }

    [Fact]
    public void A_run_of_overlapping_matches_longer_than_the_hold_cap_is_emitted_early_yet_identically()
    {
        var secrets = new[] { "aa", "aab" };
        var text = Bytes(new string('a', 5000) + "b" + new string('a', 3) + "x");
        var expected = MaskingOracle.Mask(text, secrets);
        var masker = new StreamMasker(new SecretMasker(secrets), holdCap: 32);
        var output = new ArrayBufferWriter<byte>();

        foreach (var chunk in text.Chunk(7))
        {
            masker.Write(chunk, output);
            Assert.True(masker.HeldBytes <= 32 + 7, $"held {masker.HeldBytes} bytes");
        }

        masker.Complete(output);
        Assert.Equal(Text(expected), Text(output.WrittenSpan.ToArray()));
        // The a-run ends with "aab"; the next "aaa" only touches it, so it is a run of its own.
        Assert.Equal("******x", Text(expected));
    }

    [Fact]
    public void Without_secrets_bytes_pass_through_untouched_and_unheld()
    {
        var masker = SecretMasker.None.CreateStreamMasker();
        var output = new ArrayBufferWriter<byte>();
        byte[] binary = [0, 0xff, 0x2a, 0x2a, 0x2a, 0x80];

        masker.Write(binary, output);

        Assert.Equal(binary, output.WrittenSpan.ToArray());
        Assert.Equal(0, masker.HeldBytes);
    }

    internal static byte[] MaskInChunks(SecretMasker masker, byte[] text, int[] splits, int? holdCap = null)
    {
        var stream = new StreamMasker(masker, holdCap);
        var output = new ArrayBufferWriter<byte>();
        var previous = 0;
        foreach (var split in splits.Append(text.Length))
        {
            stream.Write(text.AsSpan(previous, split - previous), output);
            previous = split;
        }

        stream.Complete(output);
        return output.WrittenSpan.ToArray();
    }

    private static string RandomText(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "abc\n"[random.Next(4)])]);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
