using System.Collections.Frozen;
using System.Text;

namespace ControlPlane.Core.StateMachines;

/// <summary>
/// The snake_case names under which states, triggers and other enums are stored and shown
/// (<c>WaitingForRetry</c> is <c>waiting_for_retry</c>). The store's CHECK constraints list the same names, so
/// renaming an enum member is a schema change.
/// </summary>
public static class EnumText
{
    public static string ToText<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var text)
            ? text
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no member {value}.");

    /// <exception cref="FormatException"><paramref name="text"/> names no member of <typeparamref name="TEnum"/>.</exception>
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByText.TryGetValue(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name} ({string.Join(", ", Names<TEnum>.ByText.Keys)}).");

    /// <summary>PascalCase to snake_case: an underscore before every upper-case letter but the first, all lower case.</summary>
    public static string ToSnakeCase(string pascalCase)
    {
        var builder = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => ToSnakeCase(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByText =
            ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
