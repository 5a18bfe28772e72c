using CloudBroker.Drivers;
using CloudBroker.Provisioning.Pacing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudBroker.Provisioning.Tests;

/// <summary>Budgets per kind of call: a provider that meters creates apart (EC2's RunInstances) is paced per kind.</summary>
public sealed class ProviderGateTests
{
    private static readonly Dictionary<ProviderCallKind, RequestBudget> Ec2Like = new()
    {
        [ProviderCallKind.Create] = new RequestBudget(RequestsPerSecond: 2, Burst: 5),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_spend_their_own_bucket_so_state_checks_never_use_up_the_create_budget()
    {
        var (gate, time) = Open(new Dictionary<string, string?> { ["RequestsPerSecond"] = "100", ["Burst"] = "100" }, Ec2Like);

        for (var i = 0; i < 50; i++)
        {
            Assert.True(await EnterAsync(gate, ProviderCallKind.Read)); // polls of machines being built
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.True(await EnterAsync(gate, ProviderCallKind.Create), $"create {i + 1} of the burst of 5 was refused");
        }

        // The sixth and seventh are each given their own turn (one token at 2/s), not told to ask again all at once.
        var sixth = await gate.EnterAsync(ProviderCallKind.Create, null, Ct);
        var seventh = await gate.EnterAsync(ProviderCallKind.Create, null, Ct);
        Assert.Equal((false, TimeSpan.FromSeconds(0.5)), (sixth.Entered, sixth.RetryIn));
        Assert.Equal((false, TimeSpan.FromSeconds(1)), (seventh.Entered, seventh.RetryIn));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Change), "a stop waits for no create token");

        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create, sixth.Turn), "the sixth comes back with its token at its turn");
        Assert.False(await EnterAsync(gate, ProviderCallKind.Create, seventh.Turn), "the seventh's turn is not yet");
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create, seventh.Turn), "the seventh comes back with its token at its turn");
        var eighth = await gate.EnterAsync(ProviderCallKind.Create, null, Ct);
        Assert.Equal(TimeSpan.FromSeconds(0.5), eighth.RetryIn); // the turns before it were taken
    }

    [Fact]
    public async Task Configuration_overrides_the_drivers_budget_for_a_kind()
    {
        var (gate, _) = Open(new Dictionary<string, string?> { ["Pacing:Create:Burst"] = "2" }, Ec2Like);

        Assert.Equal(new RequestBudget(2, 2), gate.Limits.ByKind[ProviderCallKind.Create]); // the rate stays the driver's
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create));
        Assert.False(await EnterAsync(gate, ProviderCallKind.Create));
    }

    [Fact]
    public async Task A_throttled_create_pauses_creates_only()
    {
        var (gate, time) = Open([], Ec2Like);
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create)); // the call the provider throttled

        await gate.ThrottledAsync(ProviderCallKind.Create, TimeSpan.FromSeconds(3), Ct);

        Assert.True(await EnterAsync(gate, ProviderCallKind.Read));
        var refused = await gate.EnterAsync(ProviderCallKind.Create, null, Ct);
        Assert.False(refused.Entered);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryIn);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create, refused.Turn));
    }

    [Fact]
    public async Task A_throttle_moves_every_turn_already_given_out_one_interval_later()
    {
        // The provider's bucket is behind ours (it started later, or others spend it): waiting callers must not keep arriving early.
        var (gate, time) = Open([], Ec2Like);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await EnterAsync(gate, ProviderCallKind.Create));
        }

        var waiting = new List<GateEntry>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(await gate.EnterAsync(ProviderCallKind.Create, null, Ct));
        }

        Assert.Equal([0.5, 1.0, 1.5], waiting.Select(w => w.RetryIn.TotalSeconds));
        await gate.ThrottledAsync(ProviderCallKind.Create, TimeSpan.Zero, Ct);

        time.Advance(TimeSpan.FromSeconds(0.5));
        var first = await gate.EnterAsync(ProviderCallKind.Create, waiting[0].Turn, Ct);
        Assert.Equal((false, TimeSpan.FromSeconds(0.5)), (first.Entered, first.RetryIn)); // its turn moved by one interval
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create, waiting[0].Turn));
        Assert.False(await EnterAsync(gate, ProviderCallKind.Create, waiting[1].Turn));
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Create, waiting[1].Turn));
    }

    [Fact]
    public async Task Kinds_the_provider_meters_together_spend_one_bucket()
    {
        // ARM counts a VM's PUT and its start, deallocate or DELETE as writes of one subscription bucket.
        var writes = new RequestBudget(RequestsPerSecond: 1, Burst: 2, Bucket: "write");
        var (gate, _) = Open([], new Dictionary<ProviderCallKind, RequestBudget> { [ProviderCallKind.Create] = writes, [ProviderCallKind.Change] = writes });

        Assert.True(await EnterAsync(gate, ProviderCallKind.Create));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Change));
        Assert.False(await EnterAsync(gate, ProviderCallKind.Create));
        Assert.False(await EnterAsync(gate, ProviderCallKind.Change));
        Assert.True(await EnterAsync(gate, ProviderCallKind.Read), "reads have a bucket of their own");
    }

    [Theory]
    [InlineData("Pacing:Create:RequestsPerSecond", "0")]
    [InlineData("Pacing:Read:Burst", "-1")]
    [InlineData("MaxConcurrency", "0")]
    public void A_budget_that_is_not_positive_is_refused_naming_the_setting(string key, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Open(new Dictionary<string, string?> { [key] = value }, new Dictionary<ProviderCallKind, RequestBudget>()));
        Assert.Contains(key.Split(':')[^1], ex.Message, StringComparison.Ordinal);
        Assert.Contains("'p'", ex.Message, StringComparison.Ordinal);
    }

    private static (ProviderGate Gate, FakeTimeProvider Time) Open(Dictionary<string, string?> settings, IReadOnlyDictionary<ProviderCallKind, RequestBudget> driverDefaults)
    {
        var prefixed = settings.ToDictionary(s => "Providers:p:" + s.Key, s => s.Value);
        var section = new ConfigurationBuilder().AddInMemoryCollection(prefixed).Build().GetSection("Providers:p");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        return (new ProviderGate("p", ProviderLimits.From(section, driverDefaults), new LocalProviderPacing(time)), time);
    }

    private static async Task<bool> EnterAsync(ProviderGate gate, ProviderCallKind kind, double? turn = null)
    {
        var entry = await gate.EnterAsync(kind, turn, Ct);
        if (entry.Entered)
        {
            gate.Exit();
        }

        return entry.Entered;
    }
}
