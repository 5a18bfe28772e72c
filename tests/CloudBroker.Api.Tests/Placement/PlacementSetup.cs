using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// One test's tenant with its own size (1 vCPU, 1 GiB, 8 GiB: libvirt's <c>small</c>, EC2's <c>t3.micro</c>), image
/// family (libvirt's <c>blank</c>, EC2's Debian AMI) and pools: <c>kvm-…</c> on libvirt with the declared vCPUs of
/// realm <c>local</c>, and optionally <c>ec2-…</c> on the EC2 account (unlimited).
/// </summary>
public sealed record PlacementSetup(string TenantId, HttpClient Member, HttpClient Admin, string Size, string Family, string KvmPool, string Ec2Pool) : IDisposable
{
    public static async Task<PlacementSetup> StartAsync(BurstingFactory factory, string prefix, long kvmCpu, bool withEc2 = true)
    {
        await factory.ReadyAsync();
        var admin = factory.CreateAdminClient();
        var (tenantId, member) = await factory.NewTenantAsync(prefix);
        var size = UniqueName("size");
        await admin.PostAsync("/api/sizes", new JsonObject { ["name"] = size, ["cpu"] = 1, ["memoryMiB"] = 1024, ["storageGiB"] = 8 });
        var family = UniqueName("family");
        await admin.PostAsync("/api/image-families", new JsonObject
        {
            ["name"] = family,
            ["images"] = new JsonObject { ["libvirt"] = BurstingFactory.KvmImage, ["aws"] = BurstingFactory.Ec2Image },
        });
        var setup = new PlacementSetup(tenantId, member, admin, size, family, UniqueName("kvm"), UniqueName("ec2"));
        await setup.OpenPoolAsync(setup.KvmPool, "libvirt", new JsonArray(new JsonObject { ["realmId"] = "local", ["cpu"] = kvmCpu }), priority: 10);
        if (withEc2)
        {
            await setup.OpenPoolAsync(setup.Ec2Pool, "aws");
        }

        return setup;
    }

    public async Task OpenPoolAsync(string id, string provider, JsonArray? capacity = null, int priority = 0, string? tenantId = null) =>
        await Admin.PostAsync("/api/pools", new JsonObject
        {
            ["id"] = id,
            ["providerId"] = provider,
            ["tenantIds"] = new JsonArray(tenantId ?? TenantId),
            ["priority"] = priority,
            ["capacity"] = capacity ?? [],
        });

    /// <summary>A create by placement (no provider).</summary>
    public JsonObject Order(string? policy = null, JsonObject? antiAffinity = null)
    {
        var order = new JsonObject { ["name"] = UniqueName("placed"), ["size"] = Size, ["imageFamily"] = Family };
        if (policy is not null)
        {
            order["placementPolicy"] = policy;
        }

        if (antiAffinity is not null)
        {
            order["antiAffinity"] = antiAffinity;
        }

        return order;
    }

    /// <summary>Places an order (asserting the 202) and returns the instance as read back.</summary>
    public async Task<JsonObject> PlaceAsync(JsonObject order)
    {
        var (id, _) = await Member.CreateAsync(order);
        using var response = await Member.GetAsync("/api/instances/" + id, Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Asserts a 409 no-valid-placement and returns its candidates.</summary>
    public async Task<JsonArray> RefusedAsync(JsonObject order)
    {
        using var response = await Member.PostAsync(order);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.Conflict, "no-valid-placement");
        return problem["candidates"]!.AsArray();
    }

    public void Dispose()
    {
        Member.Dispose();
        Admin.Dispose();
    }
}
