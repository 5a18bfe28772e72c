namespace CloudBroker.Accounting.Rating;

/// <summary>The one row saying how far usage has been rated: every charge is for usage before <see cref="RatedTo"/>.</summary>
public sealed class RatingWatermark
{
    public const int SingletonKey = 1;

    public int Key { get; init; } = SingletonKey;

    public DateTime RatedTo { get; set; }

    public DateTime UpdatedAt { get; set; }
}
