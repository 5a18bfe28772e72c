using System.Globalization;

namespace CloudBroker.Quotas.Pricing;

/// <summary>Money on the wire is a decimal string; inside it is a long of micro-units (1e-6 of the currency).</summary>
public static class MicroUnits
{
    public const long PerUnit = 1_000_000;

    /// <summary>The largest amount an API takes: twelve digits, so any sum of amounts stays far inside a 64-bit count of micro-units.</summary>
    public const decimal MaxAmount = 999_999_999_999.999999m;

    /// <summary>Parses a decimal string of 0 to <see cref="MaxAmount"/> with at most six decimals; <c>null</c> when it is not one.</summary>
    public static long? Parse(string? text)
    {
        if (text is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > MaxAmount)
        {
            return null; // checked before scaling: 1e23 * 1e6 overflows decimal itself
        }

        var micros = value * PerUnit;
        return micros != decimal.Truncate(micros) ? null : (long)micros;
    }

    /// <summary>A price per hour from configuration, rounded up to whole micro-units.</summary>
    public static long FromPrice(decimal price) => RoundedUp(price);

    /// <summary>An amount in whole micro-units, rounded up (a budget never counts less than was spent).</summary>
    public static long RoundedUp(decimal amount) => (long)decimal.Ceiling(amount * PerUnit);

    /// <summary>At least two decimals (<c>12.50</c>), more only when the amount has them (<c>0.000125</c>).</summary>
    public static string Format(long micros) => (micros / (decimal)PerUnit).ToString("0.00####", CultureInfo.InvariantCulture);
}
