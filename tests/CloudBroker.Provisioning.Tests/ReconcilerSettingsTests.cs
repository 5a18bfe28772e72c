using CloudBroker.Drivers;
using CloudBroker.Provisioning.Reconciliation;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Tests;

public sealed class ReconcilerSettingsTests
{
    [Theory]
    [InlineData(null, OrphanPolicy.Report)]
    [InlineData("report", OrphanPolicy.Report)]
    [InlineData("Adopt", OrphanPolicy.Adopt)]
    [InlineData(" destroy ", OrphanPolicy.Destroy)]
    public void The_orphan_policy_is_report_unless_set(string? value, OrphanPolicy expected) =>
        Assert.Equal(expected, OrphanPolicySetting.Read(Settings(value), "p1"));

    [Theory]
    [InlineData("2")]
    [InlineData("delete")]
    public void An_orphan_policy_it_does_not_know_is_refused_with_the_setting_named(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => OrphanPolicySetting.Read(Settings(value), "p1"));
        Assert.Contains("CloudBroker:Providers:p1:OrphanPolicy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web-01", "web-01")]
    [InlineData("Web_Server 01", "web-server-01")]
    [InlineData("--", "adopted-0196f1c2aa7b")]
    public void An_adopted_machine_keeps_its_name_made_a_label(string machineName, string expected)
    {
        var machine = new DriverInstance("i-1", machineName, null, null, null, DriverInstanceState.Running, "ACTIVE", [], new Dictionary<string, string>());
        Assert.Equal(expected, AdoptedInstance.NameFor(machine, "0196f1c2-aa7b-7000-8000-000000000000"));
    }

    [Fact]
    public void A_long_machine_name_is_cut_to_63_characters() =>
        Assert.Equal(63, AdoptedInstance.NameFor(
            new DriverInstance("i-1", new string('a', 80), null, null, null, DriverInstanceState.Running, "ACTIVE", [], new Dictionary<string, string>()),
            Guid.NewGuid().ToString()).Length);

    private static IConfiguration Settings(string? policy) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["CloudBroker:Providers:p1:OrphanPolicy"] = policy })
        .Build();
}
