namespace CloudBroker.Api.Http.Limits;

/// <summary>
/// The range of an integer property of a request body (of each item of a list of integers, whose count takes
/// <see cref="ItemsAttribute"/>): at most <see cref="InputLimits.MaxWholeNumber"/> unless
/// stated, and at least <see cref="Min"/> when one is stated (a size leaves its floor to the hardware profile, which
/// names it in its own refusal).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WholeNumberAttribute : Attribute
{
    public long Min { get; set; } = long.MinValue;

    public long Max { get; set; } = InputLimits.MaxWholeNumber;

    public bool HasMin => Min != long.MinValue;
}
