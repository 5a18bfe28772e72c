namespace CloudBroker.Drivers;

/// <summary>One numeric hardware-profile property: a fixed value, a stepped range, or a set of values.</summary>
public sealed record ProfileProperty
{
    private ProfileProperty(ProfilePropertyKind kind, long @default, long min, long max, long step, IReadOnlyList<long> values)
    {
        Kind = kind;
        Default = @default;
        Min = min;
        Max = max;
        Step = step;
        Values = values;
    }

    public ProfilePropertyKind Kind { get; }

    /// <summary>The value used when the caller names none (for <see cref="ProfilePropertyKind.Fixed"/>, the value).</summary>
    public long Default { get; }

    public long Min { get; }

    public long Max { get; }

    public long Step { get; }

    /// <summary>The allowed values, ascending (for <see cref="ProfilePropertyKind.Enum"/>).</summary>
    public IReadOnlyList<long> Values { get; }

    public static ProfileProperty Fixed(long value) =>
        new(ProfilePropertyKind.Fixed, value, value, value, 1, [value]);

    public static ProfileProperty Range(long min, long max, long step, long @default)
    {
        if (min > max || step <= 0 || @default < min || @default > max || (@default - min) % step != 0)
        {
            throw new ArgumentException($"invalid range {min}..{max} step {step} default {@default}");
        }

        return new(ProfilePropertyKind.Range, @default, min, max, step, []);
    }

    public static ProfileProperty Enum(IEnumerable<long> values, long @default)
    {
        var sorted = values.Distinct().Order().ToArray();
        if (sorted.Length == 0 || !sorted.Contains(@default))
        {
            throw new ArgumentException("an enum needs values that include its default");
        }

        return new(ProfilePropertyKind.Enum, @default, sorted[0], sorted[^1], 1, sorted);
    }

    /// <summary>Whether <paramref name="value"/> is one this property allows.</summary>
    public bool Allows(long value) => Kind switch
    {
        ProfilePropertyKind.Fixed => value == Default,
        ProfilePropertyKind.Range => value >= Min && value <= Max && (value - Min) % Step == 0,
        _ => Values.Contains(value),
    };

    /// <summary>Whether the caller has a choice (a range or an enum with more than one value).</summary>
    public bool IsChoice => Kind != ProfilePropertyKind.Fixed && Min != Max;
}
