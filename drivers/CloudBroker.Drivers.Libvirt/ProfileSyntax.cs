using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// The text form of a hardware-profile property in configuration:
/// <c>2</c> (fixed), <c>512..8192</c> or <c>512..8192 step 512 default 1024</c> (range; step 1 and the minimum
/// by default), <c>10,20,40</c> or <c>10,20,40 default 20</c> (enum; the first value by default).
/// </summary>
internal static partial class ProfileSyntax
{
    public static ProfileProperty? TryParse(string? text, out string? error)
    {
        error = null;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            error = $"'{text}' is not a number, a range 'min..max [step n] [default n]' or a list 'a,b,c [default n]'";
            return null;
        }

        try
        {
            long? @default = match.Groups["default"].Success ? Number(match.Groups["default"].Value) : null;
            if (match.Groups["fixed"].Success)
            {
                return @default is null ? Positive(ProfileProperty.Fixed(Number(match.Groups["fixed"].Value))) : throw Invalid("a fixed value has no default");
            }

            if (match.Groups["min"].Success)
            {
                var min = Number(match.Groups["min"].Value);
                var step = match.Groups["step"].Success ? Number(match.Groups["step"].Value) : 1;
                return Positive(ProfileProperty.Range(min, Number(match.Groups["max"].Value), step, @default ?? min));
            }

            var values = match.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries).Select(Number).ToArray();
            return Positive(ProfileProperty.Enum(values, @default ?? values[0]));
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            error = $"'{text}': {ex.Message}";
            return null;
        }
    }

    private static ProfileProperty Positive(ProfileProperty property) =>
        property.Min > 0 ? property : throw Invalid("values must be positive");

    private static ArgumentException Invalid(string message) => new(message);

    private static long Number(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^\s*(?:(?<fixed>\d+)|(?<min>\d+)\s*\.\.\s*(?<max>\d+)(?:\s+step\s+(?<step>\d+))?|(?<list>\d+(?:\s*,\s*\d+)+))(?:\s+default\s+(?<default>\d+))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
