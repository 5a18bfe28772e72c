using CloudBroker.Drivers;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Reconciliation;

namespace CloudBroker.Provisioning.Tests;

public sealed class InventoryComparisonTests
{
    private const string Ours = "installation-ours";

    private const string ThisProvider = "kvm-a";

    [Theory]
    [InlineData(InstanceState.Running)]
    [InlineData(InstanceState.Stopped)]
    [InlineData(InstanceState.Error)]
    public void A_settled_instance_whose_machine_is_not_listed_has_vanished(InstanceState state)
    {
        var instance = Known("a", state, "i-1");
        var finding = Assert.Single(Compare([instance], []));
        Assert.Equal(InventoryFindingKind.Vanished, finding.Kind);
        Assert.Same(instance, finding.Instance);
        Assert.Null(finding.Machine);
    }

    [Fact]
    public void A_settled_instance_whose_machine_is_listed_terminated_has_vanished_and_the_machine_is_no_orphan()
    {
        var machine = Machine("i-1", DriverInstanceState.Terminated, Ours, "a");
        var finding = Assert.Single(Compare([Known("a", InstanceState.Running, "i-1")], [machine]));
        Assert.Equal(InventoryFindingKind.Vanished, finding.Kind);
        Assert.Same(machine, finding.Machine);
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Stopping)]
    [InlineData(InstanceState.Rebooting)]
    [InlineData(InstanceState.Terminating)]
    [InlineData(InstanceState.Vanished)]
    [InlineData(InstanceState.Terminated)]
    public void Instances_with_work_in_flight_or_already_noticed_are_never_vanished(InstanceState state) =>
        Assert.Empty(Compare([Known("a", state, "i-1")], []));

    [Fact]
    public void A_live_machine_of_a_live_instance_is_matched_by_provider_id_whatever_its_tags()
    {
        var finding = Assert.Single(Compare([Known("a", InstanceState.Running, "i-1")], [Machine("i-1", DriverInstanceState.Running, null, null)]));
        Assert.Equal(InventoryFindingKind.Matched, finding.Kind);
    }

    [Theory]
    [InlineData(InstanceState.Running, DriverInstanceState.Stopped)]
    [InlineData(InstanceState.Stopped, DriverInstanceState.Running)]
    [InlineData(InstanceState.Error, DriverInstanceState.Running)]
    [InlineData(InstanceState.Error, DriverInstanceState.Stopped)]
    public void A_settled_instance_whose_machine_settled_elsewhere_has_drifted(InstanceState state, DriverInstanceState observed)
    {
        var machine = Machine("i-1", observed, Ours, "a");
        var finding = Assert.Single(Compare([Known("a", state, "i-1")], [machine]));
        Assert.Equal(InventoryFindingKind.Drifted, finding.Kind);
        Assert.Same(machine, finding.Machine);
    }

    [Theory]
    [InlineData(InstanceState.Running, DriverInstanceState.Stopping)] // on its way: a later run sees where it lands
    [InlineData(InstanceState.Stopped, DriverInstanceState.Pending)]
    [InlineData(InstanceState.Running, DriverInstanceState.Rebooting)]
    [InlineData(InstanceState.Running, DriverInstanceState.Error)]
    [InlineData(InstanceState.Running, DriverInstanceState.Unknown)]
    [InlineData(InstanceState.Stopping, DriverInstanceState.Stopped)] // its workflow's, not the run's
    [InlineData(InstanceState.Pending, DriverInstanceState.Running)]
    public void A_machine_on_its_way_or_an_instance_with_work_in_flight_is_only_matched(InstanceState state, DriverInstanceState observed) =>
        Assert.Equal(InventoryFindingKind.Matched, Assert.Single(Compare([Known("a", state, "i-1")], [Machine("i-1", observed, Ours, "a")])).Kind);

    [Fact]
    public void An_instance_whose_create_failed_is_never_brought_back_by_its_machine()
    {
        var known = new KnownInstance("a", InstanceState.Error, "i-1", 1, CreateFailed: true);
        Assert.Equal(InventoryFindingKind.Matched, Assert.Single(Compare([known], [Machine("i-1", DriverInstanceState.Running, Ours, "a")])).Kind);
    }

    [Fact]
    public void A_machine_named_by_its_tag_links_a_settled_instance_without_a_machine_id_but_only_matches_one_in_flight()
    {
        var machine = Machine("i-9", DriverInstanceState.Running, Ours, "a");
        Assert.Equal(InventoryFindingKind.Linked, Assert.Single(Compare([Known("a", InstanceState.Error, null)], [machine])).Kind);
        Assert.Equal(InventoryFindingKind.Matched, Assert.Single(Compare([Known("a", InstanceState.Pending, null)], [machine])).Kind);
    }

    [Fact]
    public void Our_machine_unknown_to_the_database_or_of_a_terminated_instance_is_an_orphan()
    {
        var unknown = Machine("i-1", DriverInstanceState.Running, Ours, "nobody");
        var ofTerminated = Machine("i-2", DriverInstanceState.Running, Ours, "t");
        var findings = Compare([Known("t", InstanceState.Terminated, "i-2")], [unknown, ofTerminated]);
        Assert.All(findings, f => Assert.Equal(InventoryFindingKind.Orphan, f.Kind));
        Assert.Null(findings.Single(f => f.Machine == unknown).Instance);
        Assert.Equal("t", findings.Single(f => f.Machine == ofTerminated).Instance?.Id);
    }

    [Fact]
    public void A_second_machine_tagged_for_an_instance_that_has_one_is_an_orphan()
    {
        var findings = Compare(
            [Known("a", InstanceState.Running, "i-1")],
            [Machine("i-1", DriverInstanceState.Running, Ours, "a"), Machine("i-2", DriverInstanceState.Running, Ours, "a")]);
        Assert.Equal(InventoryFindingKind.Orphan, findings.Single(f => f.Machine!.Id == "i-2").Kind);
    }

    [Fact]
    public void An_adopted_instance_owns_the_machine_its_terminated_predecessor_had()
    {
        var findings = Compare(
            [Known("old", InstanceState.Terminated, "i-1"), Known("adopted", InstanceState.Running, "i-1")],
            [Machine("i-1", DriverInstanceState.Running, Ours, "old")]);
        var finding = Assert.Single(findings);
        Assert.Equal(InventoryFindingKind.Matched, finding.Kind);
        Assert.Equal("adopted", finding.Instance?.Id);
    }

    [Theory]
    [InlineData("installation-theirs")]
    [InlineData(null)]
    public void A_machine_of_another_installation_or_of_none_is_foreign_even_when_its_tag_names_a_known_instance(string? installation)
    {
        var finding = Assert.Single(Compare([Known("a", InstanceState.Error, null)], [Machine("i-1", DriverInstanceState.Running, installation, "a")]));
        Assert.Equal(InventoryFindingKind.Foreign, finding.Kind);
    }

    [Fact]
    public void A_machine_another_provider_of_this_installation_made_is_never_this_providers_orphan_even_when_its_tag_names_a_known_instance()
    {
        var unknown = Machine("i-1", DriverInstanceState.Running, Ours, "nobody", provider: "kvm-b");
        var namingOurs = Machine("i-2", DriverInstanceState.Running, Ours, "a", provider: "kvm-b");

        var findings = Compare([Known("a", InstanceState.Error, null)], [unknown, namingOurs]);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(InventoryFindingKind.OtherProvider, f.Kind));
    }

    [Fact]
    public void A_machine_of_this_installation_that_names_no_provider_is_only_reported_yet_still_matched_or_linked_to_this_providers_instances()
    {
        var unknown = Machine("i-1", DriverInstanceState.Running, Ours, "nobody", provider: null);
        var ofTerminated = Machine("i-2", DriverInstanceState.Running, Ours, "t", provider: null);
        var findings = Compare([Known("t", InstanceState.Terminated, "i-2")], [unknown, ofTerminated]);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(InventoryFindingKind.Unattributed, f.Kind));

        // Made before machines named their provider: this provider's own instances still know them.
        Assert.Equal(InventoryFindingKind.Matched, Assert.Single(Compare([Known("a", InstanceState.Running, "i-3")], [Machine("i-3", DriverInstanceState.Running, Ours, "a", provider: null)])).Kind);
        Assert.Equal(InventoryFindingKind.Linked, Assert.Single(Compare([Known("a", InstanceState.Error, null)], [Machine("i-4", DriverInstanceState.Running, Ours, "a", provider: null)])).Kind);
    }

    [Theory]
    [InlineData(DriverInstanceState.Terminated)]
    [InlineData(DriverInstanceState.Terminating)]
    public void Machines_gone_or_going_are_neither_orphans_nor_foreign(DriverInstanceState state) =>
        Assert.Empty(Compare([], [Machine("i-1", state, Ours, "x"), Machine("i-2", state, "installation-theirs", "y")]));

    private static IReadOnlyList<InventoryFinding> Compare(IReadOnlyList<KnownInstance> known, IReadOnlyList<DriverInstance> machines) =>
        InventoryComparison.Compare(known, machines, Ours, ThisProvider);

    private static KnownInstance Known(string id, InstanceState state, string? providerInstanceId) => new(id, state, providerInstanceId, 1);

    /// <summary>A machine with the tags the broker stamps: an installation's also name the provider that made it (by default this one).</summary>
    private static DriverInstance Machine(string id, DriverInstanceState state, string? installation, string? instanceId, string? provider = ThisProvider)
    {
        var tags = new Dictionary<string, string>();
        if (installation is not null)
        {
            tags[BrokerTags.InstallationId] = installation;
            if (provider is not null)
            {
                tags[BrokerTags.ProviderId] = provider;
            }
        }

        if (instanceId is not null)
        {
            tags[BrokerTags.InstanceId] = instanceId;
        }

        return new DriverInstance(id, "m-" + id, null, null, null, state, state.ToString(), [], tags);
    }
}
