using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Testing.Ec2;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// The one wrapper around every driver, where callers meet it (an EC2 account on the fake, through the real SDK): the
/// workflow's steps, the reconciler's destroys, the catalog refresh and the provider test are all paced by the
/// provider's budgets; a step that must wait becomes a timer row, its turn kept on its operation; a refused credential
/// is one problem type for an operation and for the provider test; and every call made is recorded.
/// </summary>
public sealed class ProviderCallGatewayTests(ProviderCallGatewayTests.Ec2Account factory) : IClassFixture<ProviderCallGatewayTests.Ec2Account>
{
    private const string Image = "ami-0a1b2c3d4e5f60718";
    private const string Profile = "t3.micro";

    [Fact]
    public async Task A_create_that_must_wait_for_its_turn_is_a_timer_row_whose_turn_is_kept_on_its_operation()
    {
        using var client = factory.CreateAdminClient();
        var first = await client.CreateAsync(Request("aws-create"));
        var second = await client.CreateAsync(Request("aws-create")); // one create token, refilled every 2 s

        var waiting = await WaitForHeldTurnAsync([(string)first.Operation["id"]!, (string)second.Operation["id"]!]);

        Assert.Equal((OperationStatus.Pending, ProviderCallKind.Create), (waiting.Status, waiting.PacingKind));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var steps = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.MessageType == "CloudBroker.Contracts.ExecuteOperation" && m.Body.Contains(waiting.Id)).ToListAsync(Ct);
            var timer = Assert.Single(steps, m => m.NotBefore > m.CreatedAt); // the accepted create's step, then this one
            Assert.InRange(timer.NotBefore - timer.CreatedAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.1)); // the token's turn
            Assert.DoesNotContain("turn", timer.Body, StringComparison.OrdinalIgnoreCase); // the contract is data only
        }

        foreach (var operationId in new[] { (string)first.Operation["id"]!, (string)second.Operation["id"]! })
        {
            await client.WaitForOperationAsync(operationId, "succeeded");
        }

        Assert.Null((await ReadOperationAsync(waiting.Id)).PacingTurn); // used at its turn, not kept
        var creates = Calls("aws-create").Where(c => c.Call == "CreateInstance").ToList();
        Assert.Equal(2, creates.Count); // refused calls never reached EC2, and are no outcomes
        Assert.All(creates, c => Assert.Equal((ProviderCallKind.Create, ProviderCallResult.Answered), (c.Kind, c.Result)));
        Assert.Equal(2, factory.Fake.InstancesOf(Ec2Account.CreateKey).Count);
    }

    [Fact]
    public async Task A_reconciler_destroy_spends_the_change_budget_and_leaves_what_has_no_turn_to_the_next_run()
    {
        using var client = factory.CreateAdminClient();
        var driver = factory.Driver("aws-destroy");
        var orphans = new List<DriverInstance>();
        foreach (var name in new[] { UniqueName("orphan"), UniqueName("orphan") })
        {
            var (machine, _) = await MakeMachineAsync(driver, (factory.InstallationId(), "aws-destroy"), name, Image, Profile);
            await WaitForMachineAsync(driver, machine.Id, DriverInstanceState.Running);
            orphans.Add(machine);
        }

        var run = await client.ReconcileAsync("aws-destroy"); // one change token, refilled every 100 s

        Assert.Equal("succeeded", (string?)run["status"]);
        Assert.Equal((1, 1), ((int)run["counts"]!["destroyed"]!, (int)run["counts"]!["orphansReported"]!));
        var postponed = Machines(run).Single(m => (string?)m["action"] == "reported");
        Assert.Contains("not destroyed by this run: the broker's request budget for the provider's changes has no turn before", (string?)postponed["detail"], StringComparison.Ordinal);
        var left = factory.Fake.InstancesOf(Ec2Account.DestroyKey).Single(i => i.Id == (string?)postponed["providerMachineId"]);
        Assert.Equal("running", left.State);
        Assert.Equal(1, factory.Fake.InstancesOf(Ec2Account.DestroyKey).Count(i => orphans.Any(o => o.Id == i.Id) && i.State is "shutting-down" or "terminated"));
    }

    [Fact]
    public async Task A_catalog_refresh_is_paced_and_keeps_the_catalog_when_no_read_turn_is_near()
    {
        var registry = factory.Services.GetRequiredService<ProviderRegistry>();
        var provider = registry.Find("aws-catalog")!;
        Assert.Equal(ProviderStatus.Available, provider.Status); // its three startup reads spent its read budget
        var catalog = provider.Catalog;
        var before = CatalogRequests();

        await registry.RefreshCatalogAsync(provider, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct); // no wait for a turn 100 s off

        Assert.Equal(before, CatalogRequests());
        Assert.Same(catalog, provider.Catalog);
        Assert.Equal(ProviderStatus.Available, provider.Status);
        Assert.Equal(["ListRealms", "ListImages", "ListHardwareProfiles"], Calls("aws-catalog").Select(c => c.Call));
    }

    [Fact]
    public async Task Refused_credentials_are_one_problem_type_for_an_operation_and_for_the_provider_test()
    {
        using var client = factory.CreateAdminClient();
        factory.Fake.Options.AccessKeyIds.Remove(Ec2Account.RevokedKey); // revoked at the provider after the broker started

        var (_, accepted) = await client.CreateAsync(Request("aws-revoked"));
        var operation = await client.WaitForOperationAsync((string)accepted["id"]!, "failed");
        using var test = await client.PostAsync("/api/providers/aws-revoked/test", null, Ct);

        Assert.Equal("/problems/provider-authentication-failed", (string?)operation["error"]!["type"]);
        await ExpectProblemAsync(test, HttpStatusCode.BadGateway, "provider-authentication-failed");
        Assert.Contains(Calls("aws-revoked"), c => (c.Call, c.Result, c.Error) == ("CreateInstance", ProviderCallResult.Failed, DriverErrorKind.Authentication));
        Assert.Contains(Calls("aws-revoked"), c => (c.Call, c.Result, c.Error) == (GatedDriver.ProbeCall, ProviderCallResult.Failed, DriverErrorKind.Authentication));
    }

    private static JsonObject Request(string providerId) =>
        new() { ["name"] = UniqueName("gw"), ["providerId"] = providerId, ["imageId"] = Image, ["hardwareProfileId"] = Profile };

    private IReadOnlyList<ProviderCallOutcome> Calls(string providerId) =>
        factory.Services.GetRequiredService<RecentProviderCalls>().Of(providerId);

    private long CatalogRequests() => factory.Fake.Counters.Requests("DescribeAvailabilityZones") + factory.Fake.Counters.Requests("DescribeImages");

    private async Task<Operation> ReadOperationAsync(string id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<Operation>().AsNoTracking().SingleAsync(o => o.Id == id, Ct);
    }

    /// <summary>The first of the operations seen holding a pacing turn (one of two creates with one token must).</summary>
    private async Task<Operation> WaitForHeldTurnAsync(string[] operationIds)
    {
        var deadline = DateTime.UtcNow + InstanceCalls.Timeout;
        while (true)
        {
            foreach (var id in operationIds)
            {
                if (await ReadOperationAsync(id) is { PacingTurn: not null } waiting)
                {
                    return waiting;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "neither create waited for its turn");
            await Task.Delay(20, Ct);
        }
    }

    /// <summary>
    /// EC2 providers on one fake, each with an access key (an account) of its own: <c>aws-create</c> (one create token
    /// per 2 s), <c>aws-destroy</c> (orphan policy destroy, one change token per 100 s), <c>aws-catalog</c> (three read
    /// tokens per 100 s: the startup catalog spends them) and <c>aws-revoked</c> (whose key a test revokes).
    /// </summary>
    public sealed class Ec2Account : ReconcilerFactory, IAsyncLifetime
    {
        public const string CreateKey = "AKIAFAKEGATEWAYKEY01";
        public const string DestroyKey = "AKIAFAKEGATEWAYKEY02";
        public const string CatalogKey = "AKIAFAKEGATEWAYKEY03";
        public const string RevokedKey = "AKIAFAKEGATEWAYKEY04";

        private Ec2Fake? _fake;

        public Ec2Fake Fake => _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");

        public async ValueTask InitializeAsync()
        {
            _fake = await Ec2Fake.StartAsync(new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200), ShuttingDownFor = TimeSpan.FromSeconds(30) });
            _fake.Options.AccessKeyIds.Add(RevokedKey);
            foreach (var key in new[] { CreateKey, DestroyKey, CatalogKey })
            {
                _fake.AddAccount(key, new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200), ShuttingDownFor = TimeSpan.FromSeconds(30) });
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (_fake is not null)
            {
                await _fake.DisposeAsync();
            }
        }

        protected override void AddSettings(Dictionary<string, string?> settings)
        {
            foreach (var (id, key) in new[] { ("aws-create", CreateKey), ("aws-destroy", DestroyKey), ("aws-catalog", CatalogKey), ("aws-revoked", RevokedKey) })
            {
                var prefix = $"CloudBroker:Providers:{id}:";
                settings[prefix + "Driver"] = "ec2";
                settings[prefix + "Region"] = Fake.Options.Region;
                settings[prefix + "ServiceUrl"] = Fake.ServiceUrl.ToString();
                settings[prefix + "Credentials:AccessKeyId"] = key;
                settings[prefix + "Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey;
            }

            settings["CloudBroker:Providers:aws-create:Pacing:Create:Burst"] = "1";
            settings["CloudBroker:Providers:aws-create:Pacing:Create:RequestsPerSecond"] = "0.5";
            settings["CloudBroker:Providers:aws-destroy:OrphanPolicy"] = "destroy";
            settings["CloudBroker:Providers:aws-destroy:Pacing:Change:Burst"] = "1";
            settings["CloudBroker:Providers:aws-destroy:Pacing:Change:RequestsPerSecond"] = "0.01";
            settings["CloudBroker:Providers:aws-catalog:Pacing:Read:Burst"] = "3";
            settings["CloudBroker:Providers:aws-catalog:Pacing:Read:RequestsPerSecond"] = "0.01";
        }
    }
}
