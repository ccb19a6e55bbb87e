using System.Globalization;

namespace ControlPlane.Core.Cron;

/// <summary>Parses one field (<c>*</c>, <c>5</c>, <c>1-5</c>, <c>*/15</c>, <c>MON-FRI</c>, lists of these) into its set of values.</summary>
internal static class CronFieldParser
{
    /// <param name="offset">Where the field starts in the whole expression, for error positions.</param>
    public static SortedSet<int> Parse(string text, int offset, CronField field)
    {
        var values = new SortedSet<int>();
        var itemStart = 0;
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                throw new CronSyntaxException($"empty list entry in the {field.Name} field", offset + itemStart);
            }

            ParseItem(item, offset + itemStart, field, values);
            itemStart += item.Length + 1;
        }

        return values;
    }

    private static void ParseItem(string item, int offset, CronField field, SortedSet<int> values)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0)
        {
            var stepText = item[(slash + 1)..];
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                throw new CronSyntaxException($"step '{stepText}' in the {field.Name} field must be a whole number of at least 1", offset + slash + 1);
            }
        }

        int low, high;
        if (range == "*")
        {
            (low, high) = (field.Min, field.Max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            low = ParseValue(dash < 0 ? range : range[..dash], offset, field);
            high = dash < 0
                ? (slash >= 0 ? field.Max : low)
                : ParseValue(range[(dash + 1)..], offset + dash + 1, field);
            if (high < low)
            {
                throw new CronSyntaxException($"range '{range}' in the {field.Name} field goes backwards", offset);
            }
        }

        for (var value = low; value <= high; value += step)
        {
            values.Add(field == CronField.DayOfWeek && value == 7 ? 0 : value);
        }
    }

    private static int ParseValue(string text, int offset, CronField field)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number < field.Min || number > field.Max)
            {
                throw new CronSyntaxException($"{field.Name} value {number} is out of range {field.Min}-{field.Max}", offset);
            }

            return number;
        }

        for (var i = 0; i < field.Names.Count; i++)
        {
            if (string.Equals(field.Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return i + field.NamesStartAt;
            }
        }

        throw new CronSyntaxException($"'{text}' is not a valid {field.Name} value; expected {field.RangeText}", offset);
    }
}
