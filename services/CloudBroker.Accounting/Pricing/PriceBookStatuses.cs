namespace CloudBroker.Accounting.Pricing;

/// <summary>A version is a <c>draft</c> until it is <c>published</c>; then nothing in it changes again.</summary>
public static class PriceBookStatuses
{
    public const string Draft = "draft";

    public const string Published = "published";
}
