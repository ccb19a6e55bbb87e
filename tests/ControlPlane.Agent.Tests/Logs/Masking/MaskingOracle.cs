using ControlPlane.Agent.Logs.Masking;

namespace ControlPlane.Agent.Tests.Logs.Masking;

/// <summary>
/// The specification of masking, written plainly over a whole text: every occurrence of every form is a covered
/// interval, overlapping intervals merge, and each merged interval becomes one <c>***</c>.
/// </summary>
internal static class MaskingOracle
{
    public static byte[] Mask(byte[] text, IEnumerable<string> secrets)
    {
        var forms = secrets.SelectMany(SecretForms.Of).ToList();
        var intervals = new List<(int Start, int End)>();
        for (var start = 0; start < text.Length; start++)
        {
            var longest = forms.Where(f => text.AsSpan(start).StartsWith(f)).Select(f => f.Length).DefaultIfEmpty(0).Max();
            if (longest > 0)
            {
                intervals.Add((start, start + longest));
            }
        }

        var output = new List<byte>();
        var position = 0;
        var index = 0;
        while (position < text.Length)
        {
            if (index < intervals.Count && intervals[index].Start == position)
            {
                var end = intervals[index].End;
                while (index < intervals.Count && intervals[index].Start < end)
                {
                    end = Math.Max(end, intervals[index++].End);
                }

                output.AddRange("***"u8);
                position = end;
            }
            else
            {
                while (index < intervals.Count && intervals[index].Start < position)
                {
                    index++;
                }

                if (index < intervals.Count && intervals[index].Start == position)
                {
                    continue;
                }

                output.Add(text[position++]);
            }
        }

        return [.. output];
    }
}
