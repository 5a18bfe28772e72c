using System.Globalization;
using System.Text;

namespace CloudBroker.Audit;

/// <summary>
/// What every text column of the audit log holds: the value with control characters escaped (<c>\r</c>, <c>\n</c>,
/// <c>\t</c>, <c>\uXXXX</c> for the other C0 and C1 controls, format characters such as bidirectional overrides, and
/// line and paragraph separators) and backslashes doubled, cut to the column's length on a character boundary. A value
/// a client chose (a path, a route value, a header) can so never start a line of its own, or pass for an escape, in a
/// line-based export. Applied as the columns' value converter (<see cref="AuditEntryConfiguration"/>), so no writer
/// can forget it; filters go through it too, so they match what was stored.
/// </summary>
public static class AuditText
{
    public static string? Escape(string? value, int? maxLength)
    {
        if (value is null || (value.Length <= (maxLength ?? int.MaxValue) && !value.Any(c => NeedsEscape(c) || char.IsSurrogate(c))))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var token = c switch
            {
                '\\' => @"\\",
                '\r' => @"\r",
                '\n' => @"\n",
                '\t' => @"\t",
                _ when NeedsEscape(c) => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => value.Substring(i++, 2),
                _ when char.IsSurrogate(c) => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture), // half a pair: no database stores it
                _ => null,
            };
            if (text.Length + (token?.Length ?? 1) > (maxLength ?? int.MaxValue))
            {
                break; // cut whole escapes and whole pairs only
            }

            if (token is null)
            {
                text.Append(c);
            }
            else
            {
                text.Append(token);
            }
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) => c == '\\' || char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
