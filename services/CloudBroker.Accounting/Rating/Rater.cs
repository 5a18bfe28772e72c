using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;

namespace CloudBroker.Accounting.Rating;

/// <summary>
/// Rating as a pure function: usage intervals and the published prices in, charges out, the same every time.
/// Usage is read up to a watermark (an open interval runs to it) from the start of a month, so graduated tiers see the
/// whole month to date; intervals must come ordered by start, then id (<see cref="RatingPass"/> says why and checks it).
/// Streams: memory holds the intervals open at once and one day's charges (a month's for volume-tiered lines), never
/// the whole usage.
/// </summary>
public static class Rater
{
    public static IEnumerable<Charge> Rate(IEnumerable<UsageInterval> usage, PriceCatalog prices, DateTime monthStart, DateTime watermark)
    {
        var pass = new RatingPass(prices, monthStart, watermark);
        var ready = new List<Charge>();
        foreach (var interval in usage)
        {
            pass.Add(interval, ready);
            if (ready.Count > 0)
            {
                foreach (var charge in ready)
                {
                    yield return charge;
                }

                ready.Clear();
            }
        }

        pass.Finish(ready);
        foreach (var charge in ready)
        {
            yield return charge;
        }
    }
}
