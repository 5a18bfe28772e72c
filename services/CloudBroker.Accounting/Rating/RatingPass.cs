using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;

namespace CloudBroker.Accounting.Rating;

/// <summary>
/// One rating pass over usage from a month's start to a watermark. Every interval is cut into pieces at UTC
/// midnights and at price changes, and the pieces are priced in time order — by start, then interval id — across all
/// of a tenant's instances: that order is what graduated tiers count the month to date in, so it is exact and the same
/// on every run, and earlier usage is never re-priced. Pieces wait in a queue of the intervals open at once; one starting
/// at a time is priced only once no interval can arrive that starts before it (the input comes sorted by start, which
/// <see cref="Add"/> checks). A day's charges are complete when the first piece of the next day is priced; charges of
/// volume-tiered lines wait for the month's total, at the month's end or the watermark.
/// </summary>
internal sealed class RatingPass
{
    private readonly PriceCatalog _prices;
    private readonly DateTime _from;
    private readonly DateTime _watermark;
    private readonly PriorityQueue<OpenInterval, (DateTime Start, string Id)> _open = new(PieceOrder.Instance);
    private readonly Dictionary<ChargeKey, ChargeSum> _day = [];
    private readonly List<KeyValuePair<ChargeKey, ChargeSum>> _awaitingVolume = [];
    private readonly Dictionary<(string TenantId, string ProviderId, string Sku), decimal> _monthToDate = [];
    private DateTime _dayStart;
    private DateTime _monthStart;
    private DateTime _lastStart = DateTime.MinValue;

    public RatingPass(PriceCatalog prices, DateTime monthStart, DateTime watermark)
    {
        if (monthStart != new DateTime(monthStart.Year, monthStart.Month, 1, 0, 0, 0, DateTimeKind.Utc))
        {
            throw new ArgumentException($"rating starts at a month's start (UTC), not {monthStart:O}: graduated tiers count from there", nameof(monthStart));
        }

        _prices = prices;
        _from = monthStart;
        _watermark = watermark;
        _dayStart = monthStart;
        _monthStart = monthStart;
    }

    public void Add(UsageInterval interval, List<Charge> ready)
    {
        if (interval.Start < _lastStart)
        {
            throw new ArgumentException($"usage must come ordered by start: interval {interval.Id} starts at {interval.Start:O}, before {_lastStart:O}", nameof(interval));
        }

        _lastStart = interval.Start;
        var start = interval.Start < _from ? _from : interval.Start;
        Drain(start, ready);
        var end = interval.End is { } closed && closed < _watermark ? closed : _watermark;
        if (end > start)
        {
            _open.Enqueue(new OpenInterval(interval, start, end), (start, interval.Id));
        }
    }

    public void Finish(List<Charge> ready)
    {
        Drain(DateTime.MaxValue, ready);
        FlushDay(ready);
        FlushMonth(ready);
    }

    /// <summary>Prices every waiting piece that starts before <paramref name="before"/>, in (start, id) order.</summary>
    private void Drain(DateTime before, List<Charge> ready)
    {
        while (_open.TryPeek(out var open, out var at) && at.Start < before)
        {
            _open.Dequeue();
            var start = open.Next;
            AdvanceTo(start, ready);
            var epoch = _prices.At(start);
            var end = Min(open.End, Min(start.Date.AddDays(1), epoch.To));
            Price(open.Interval, start, end, epoch);
            if (end < open.End)
            {
                open.Next = end;
                _open.Enqueue(open, (end, open.Interval.Id));
            }
        }
    }

    private void AdvanceTo(DateTime at, List<Charge> ready)
    {
        if (at < _dayStart.AddDays(1))
        {
            return;
        }

        FlushDay(ready);
        _dayStart = at.Date;
        if (at >= _monthStart.AddMonths(1))
        {
            FlushMonth(ready);
            _monthStart = new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        }
    }

    /// <summary>A hardware profile's line prices the machine's running hours (and its fee over its life); else each meter's line prices the meter.</summary>
    private void Price(UsageInterval interval, DateTime start, DateTime end, PriceEpoch epoch)
    {
        var hours = (decimal)(end - start).Ticks / TimeSpan.TicksPerHour;
        var profile = epoch.Find(interval.ProviderId, interval.HardwareProfileId);
        if (profile?.For(interval.TenantId) is { } machine)
        {
            if (interval.Meter == Meters.InstanceHours)
            {
                Usage(interval, interval.HardwareProfileId, machine, profile.General ?? machine, interval.Quantity * hours, start, epoch);
            }
            else if (interval.Meter == Meters.StorageGibHours)
            {
                Fee(interval, machine, profile.General ?? machine, start, end, hours, epoch);
            }

            return;
        }

        var meter = epoch.Find(interval.ProviderId, interval.Meter);
        if (meter?.For(interval.TenantId) is { } rule)
        {
            Usage(interval, interval.Meter, rule, meter.General ?? rule, interval.Quantity * hours, start, epoch);
        }
    }

    private void Usage(UsageInterval interval, string sku, PriceRule contracted, PriceRule list, decimal quantity, DateTime start, PriceEpoch epoch)
    {
        ref var monthToDate = ref CollectionsMarshal.GetValueRefOrAddDefault(_monthToDate, (interval.TenantId, interval.ProviderId, sku), out _);
        var before = monthToDate;
        monthToDate += quantity;
        var sum = Sum(new ChargeKey(interval.TenantId, interval.InstanceId, sku, interval.Meter, ChargeKinds.Usage, start.Date, interval.Tags, contracted, list,
            epoch.ContractPercent(interval.TenantId)), interval);
        sum.Quantity += quantity;
        if (contracted.IsVolume || list.IsVolume)
        {
            sum.VolumeQuantity += quantity;
        }

        sum.Contracted += contracted.IsVolume ? 0m : contracted.Graduated(before, quantity);
        sum.List += list.IsVolume ? 0m : list.Graduated(before, quantity);
    }

    /// <summary>A fixed monthly fee, prorated by the share of the month's seconds the piece covers.</summary>
    private void Fee(UsageInterval interval, PriceRule contracted, PriceRule list, DateTime start, DateTime end, decimal hours, PriceEpoch epoch)
    {
        if (contracted.MonthlyFee is null && list.MonthlyFee is null)
        {
            return;
        }

        var month = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        decimal Prorated(decimal? fee) => (fee ?? 0m) * (end - start).Ticks / (month.AddMonths(1) - month).Ticks; // multiply first: exact whenever the share is
        var sum = Sum(new ChargeKey(interval.TenantId, interval.InstanceId, interval.HardwareProfileId, interval.Meter, ChargeKinds.Fee, start.Date, interval.Tags, contracted, list,
            epoch.ContractPercent(interval.TenantId)), interval);
        sum.Quantity += hours;
        sum.Contracted += Prorated(contracted.MonthlyFee);
        sum.List += Prorated(list.MonthlyFee);
    }

    private ChargeSum Sum(ChargeKey key, UsageInterval interval)
    {
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_day, key, out var exists);
        if (!exists)
        {
            sum = new ChargeSum(interval.GroupId, interval.ProviderId, interval.OwnerId, interval.RealmId);
        }

        return sum!;
    }

    private void FlushDay(List<Charge> ready)
    {
        var done = new List<Charge>(_day.Count);
        foreach (var entry in _day)
        {
            if (entry.Value.VolumeQuantity > 0)
            {
                _awaitingVolume.Add(entry);
            }
            else
            {
                done.Add(ToCharge(entry.Key, entry.Value));
            }
        }

        _day.Clear();
        Emit(done, ready);
    }

    /// <summary>Volume-tiered charges take the unit price the month's total (to the watermark) picks.</summary>
    private void FlushMonth(List<Charge> ready)
    {
        var done = new List<Charge>(_awaitingVolume.Count);
        foreach (var (key, sum) in _awaitingVolume)
        {
            var total = _monthToDate[(key.TenantId, sum.ProviderId, key.Sku)];
            if (key.Contracted.IsVolume)
            {
                sum.Contracted += sum.VolumeQuantity * key.Contracted.VolumePrice(total);
            }

            if (key.List.IsVolume)
            {
                sum.List += sum.VolumeQuantity * key.List.VolumePrice(total);
            }

            done.Add(ToCharge(key, sum));
        }

        _awaitingVolume.Clear();
        _monthToDate.Clear();
        Emit(done, ready);
    }

    private static void Emit(List<Charge> done, List<Charge> ready)
    {
        done.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        ready.AddRange(done);
    }

    private static Charge ToCharge(ChargeKey key, ChargeSum sum) => new()
    {
        Id = IdOf(key),
        TenantId = key.TenantId,
        GroupId = sum.GroupId,
        InstanceId = key.InstanceId,
        ProviderId = sum.ProviderId,
        OwnerId = sum.OwnerId,
        RealmId = sum.RealmId,
        Tags = key.Tags,
        Sku = key.Sku,
        Meter = key.Meter,
        Kind = key.Kind,
        Day = key.Day,
        BillingPeriod = new DateTime(key.Day.Year, key.Day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        PriceBookId = key.Contracted.BookId,
        PriceBookVersion = key.Contracted.VersionNumber,
        Quantity = sum.Quantity,
        ListAmount = sum.List,
        ContractedAmount = sum.Contracted,
        BilledAmount = sum.Contracted * (1m + (key.Percent / 100m)),
        ContractPercent = key.Percent,
    };

    /// <summary>A hash of what keys the charge: the same usage under the same prices always gets the same id.</summary>
    private static string IdOf(ChargeKey key)
    {
        var text = string.Join('\n', key.TenantId, key.InstanceId, key.Sku, key.Meter, key.Kind, key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), key.Tags,
            Line(key.Contracted), Line(key.List), (key.Percent / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
        static string Line(PriceRule rule) => string.Create(CultureInfo.InvariantCulture, $"{rule.BookId}/{rule.VersionNumber}/{rule.LineIndex}");
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed class OpenInterval(UsageInterval interval, DateTime start, DateTime end)
    {
        public UsageInterval Interval { get; } = interval;

        public DateTime Next { get; set; } = start;

        public DateTime End { get; } = end;
    }

    private readonly record struct ChargeKey(
        string TenantId, string InstanceId, string Sku, string Meter, string Kind, DateTime Day, string Tags, PriceRule Contracted, PriceRule List, decimal Percent);

    private sealed class ChargeSum(string groupId, string providerId, string ownerId, string? realmId)
    {
        public string GroupId { get; } = groupId;

        public string ProviderId { get; } = providerId;

        public string OwnerId { get; } = ownerId;

        public string? RealmId { get; } = realmId;

        public decimal Quantity { get; set; }

        public decimal List { get; set; }

        public decimal Contracted { get; set; }

        public decimal VolumeQuantity { get; set; }
    }

    private sealed class PieceOrder : IComparer<(DateTime Start, string Id)>
    {
        public static readonly PieceOrder Instance = new();

        public int Compare((DateTime Start, string Id) x, (DateTime Start, string Id) y)
        {
            var byStart = x.Start.CompareTo(y.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
