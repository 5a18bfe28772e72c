using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>Sizes and image families: admins manage them, everyone reads them, a size shows what it matches on each provider.</summary>
public sealed class SizesAndFamiliesTests(PlacementFactory factory) : IClassFixture<PlacementFactory>
{
    [Fact]
    public async Task A_size_is_managed_by_admins_read_by_everyone_and_matched_per_provider()
    {
        using var admin = factory.CreateAdminClient();
        var (_, member) = await factory.NewTenantAsync("sizes");
        var name = UniqueName("small");
        var (size, etag) = await admin.PostAsync("/api/sizes", new JsonObject { ["name"] = name, ["cpu"] = 2, ["memoryMiB"] = 3000, ["storageGiB"] = 15 });
        var id = (string)size["id"]!;

        using (var read = await member.GetAsync($"/api/sizes/{id}", Ct))
        {
            Assert.Equal(name, (string?)(await ExpectJsonAsync(read, HttpStatusCode.OK))["name"]);
        }

        using (var denied = await member.PostAsync("/api/sizes", Body(new JsonObject { ["name"] = UniqueName("x"), ["cpu"] = 1, ["memoryMiB"] = 1, ["storageGiB"] = 1 }), Ct))
        {
            await ExpectProblemAsync(denied, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var duplicate = await admin.PostAsync("/api/sizes", Body(new JsonObject { ["name"] = name, ["cpu"] = 1, ["memoryMiB"] = 1, ["storageGiB"] = 1 }), Ct))
        {
            await ExpectProblemAsync(duplicate, HttpStatusCode.Conflict, "conflict");
        }

        using (var zero = await admin.PostAsync("/api/sizes", Body(new JsonObject { ["name"] = UniqueName("z"), ["cpu"] = 0, ["memoryMiB"] = 1, ["storageGiB"] = 1 }), Ct))
        {
            Assert.Equal(1, (long)(await ExpectFieldErrorAsync(zero, "/cpu"))["limit"]!["min"]!);
        }

        // On the mock: m1-medium (cpu enum 1,2,4; memory 1024..16384 step 1024; storage 20..200 step 10) is the smallest fit.
        using (var matches = await member.GetAsync($"/api/sizes/{id}/matches", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, matches.StatusCode);
            var mock = (await ReadAsync(matches)).AsArray().Select(m => m!.AsObject()).Single(m => (string?)m["providerId"] == "mock");
            Assert.Equal("m1-medium", (string?)mock["hardwareProfileId"]);
            Assert.Equal((2L, 3072L, 20L), ((long)mock["cpu"]!, (long)mock["memoryMiB"]!, (long)mock["storageGiB"]!));
            Assert.Equal("USD", (string?)mock["currency"]);
        }

        using (var update = new HttpRequestMessage(HttpMethod.Put, $"/api/sizes/{id}") { Content = Body(new JsonObject { ["name"] = name, ["cpu"] = 64, ["memoryMiB"] = 1024, ["storageGiB"] = 10 }) })
        {
            update.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await admin.SendAsync(update, Ct);
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using (var none = await admin.GetAsync($"/api/sizes/{id}/matches", Ct))
        {
            var mock = (await ReadAsync(none)).AsArray().Select(m => m!.AsObject()).Single(m => (string?)m["providerId"] == "mock");
            Assert.Null(mock["hardwareProfileId"]);
        }

        using var delete = await admin.DeleteAsync($"/api/sizes/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task An_image_family_maps_providers_to_images_in_their_catalogs()
    {
        using var admin = factory.CreateAdminClient();
        var (_, member) = await factory.NewTenantAsync("fam");
        var name = UniqueName("debian");
        var (family, _) = await admin.PostAsync("/api/image-families", new JsonObject
        {
            ["name"] = name,
            ["images"] = new JsonObject { ["mock"] = "debian-12", ["roomy"] = "debian-12" },
        });
        Assert.Equal("debian-12", (string?)family["images"]!["roomy"]);

        using (var list = await member.GetAsync("/api/image-families", Ct))
        {
            Assert.Contains(name, (await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray().Select(f => (string?)f!["name"]));
        }

        using (var unknownImage = await admin.PostAsync("/api/image-families", Body(new JsonObject
        {
            ["name"] = UniqueName("x"), ["images"] = new JsonObject { ["mock"] = "windows-95" },
        }), Ct))
        {
            Assert.Contains("debian-12", Strings((await ExpectFieldErrorAsync(unknownImage, "/images/mock"))["limit"]!["values"]));
        }

        using (var unknownProvider = await admin.PostAsync("/api/image-families", Body(new JsonObject
        {
            ["name"] = UniqueName("x"), ["images"] = new JsonObject { ["nowhere"] = "debian-12" },
        }), Ct))
        {
            await ExpectFieldErrorAsync(unknownProvider, "/images/nowhere");
        }

        using var denied = await member.DeleteAsync($"/api/image-families/{(string)family["id"]!}", Ct);
        await ExpectProblemAsync(denied, HttpStatusCode.Forbidden, "forbidden");
    }
}
