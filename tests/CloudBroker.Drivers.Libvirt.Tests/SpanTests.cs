using System.Collections.Concurrent;
using System.Diagnostics;
using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Each call into libvirt.so.0 is a span of <see cref="LibvirtTelemetry.Name"/> beneath the caller's, named after the
/// libvirt function, with libvirt's error when it fails; with no listener there is no span and no allocation. Alone in
/// their collection: a listener is process-wide, and the last test needs none at all.
/// </summary>
[Collection(nameof(SpanTests))]
[CollectionDefinition(nameof(SpanTests), DisableParallelization = true)]
public sealed class SpanTests : LibvirtTestBase
{
    private const string CallerName = "CloudBroker.Drivers.Libvirt.Tests";

    private static readonly ActivitySource Caller = new(CallerName);

    [Fact]
    public async Task A_create_is_a_span_per_libvirt_call_each_a_child_of_the_callers_span()
    {
        var driver = Harness.Open();
        using var spans = new SpanCollector();

        using (var caller = Caller.StartActivity("create"))
        {
            await driver.CreateInstanceAsync(Specs.Small(), Ct);
            spans.Trace = caller!.TraceId;
            spans.Parent = caller.SpanId;
        }

        var names = spans.Of().Select(s => s.DisplayName).ToList();
        Assert.Subset(
            names.ToHashSet(),
            new HashSet<string> { "virConnectOpen", "virStoragePoolLookupByName", "virStorageVolCreateXMLFrom", "virDomainDefineXMLFlags", "virDomainCreate", "virDomainGetState" });
        Assert.All(spans.Of(), s =>
        {
            Assert.Equal(spans.Parent, s.ParentSpanId);
            Assert.Equal(ActivityKind.Client, s.Kind);
            Assert.Equal(s.DisplayName, s.GetTagItem("libvirt.function"));
            Assert.Equal(ActivityStatusCode.Unset, s.Status);
            Assert.Null(s.GetTagItem("server.address")); // the test host is in-process
        });

        // Reads of the client's own memory are no spans.
        Assert.DoesNotContain("virDomainGetName", names);
        Assert.DoesNotContain("virDomainGetUUIDString", names);
    }

    [Fact]
    public async Task A_failing_call_carries_libvirts_error_and_the_host_it_tried()
    {
        var driver = Harness.OpenExactly(("Uris:0", "qemu+tcp://127.0.0.1:1/system")); // nothing listens on port 1
        using var spans = new SpanCollector();

        using (var caller = Caller.StartActivity("list"))
        {
            spans.Trace = caller!.TraceId;
            await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));
        }

        var open = Assert.Single(spans.Of());
        Assert.Equal("virConnectOpen", open.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, open.Status);
        Assert.Equal("unavailable", open.GetTagItem("error.type"));
        Assert.Equal((int)VirErrorCode.SystemError, open.GetTagItem("libvirt.error.code"));
        Assert.Contains("127.0.0.1", open.StatusDescription, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", open.GetTagItem("server.address"));
    }

    [Fact]
    public async Task A_lookup_that_finds_nothing_is_an_answer_not_an_error()
    {
        var driver = Harness.Open();
        using var spans = new SpanCollector();

        using (var caller = Caller.StartActivity("get"))
        {
            spans.Trace = caller!.TraceId;
            Assert.Null(await driver.GetInstanceAsync(Guid.NewGuid().ToString(), Ct));
        }

        var lookup = Assert.Single(spans.Of(), s => s.DisplayName == "virDomainLookupByUUIDString");
        Assert.Equal(ActivityStatusCode.Unset, lookup.Status);
        Assert.Equal((int)VirErrorCode.NoDomain, lookup.GetTagItem("libvirt.error.code"));
    }

    [Fact]
    public async Task Without_a_listener_a_call_makes_no_span_and_allocates_nothing()
    {
        var driver = Harness.Open();
        var id = (await driver.CreateInstanceAsync(Specs.Small(), Ct)).Id;
        Assert.False(LibvirtTelemetry.Source.HasListeners());

        var allocated = new HostView(driver).OnDomain(id, domain =>
        {
            Domains.IsActive(domain); // warm: a first call binds its import
            Domains.GetStateAndReason(domain);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                Domains.IsActive(domain);
                Domains.GetStateAndReason(domain);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        });

        Assert.Equal(0, allocated);
    }

    /// <summary>The libvirt spans that end while it lives, of one trace.</summary>
    private sealed class SpanCollector : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _ended = new();
        private readonly ActivityListener _listener;

        public SpanCollector()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is LibvirtTelemetry.Name or CallerName,
                Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _ended.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public ActivityTraceId Trace { get; set; }

        public ActivitySpanId Parent { get; set; }

        public List<Activity> Of() => [.. _ended.Where(s => s.TraceId == Trace && s.Source.Name == LibvirtTelemetry.Name)];

        public void Dispose() => _listener.Dispose();
    }
}
