using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudBroker.Api.Http.OpenApi;

/// <summary>What each tag of the document groups; a tag without a description fails the document's build.</summary>
internal sealed class TagDescriptions : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Entry point"] = "Where a client starts: the API's links, its providers and their capabilities.",
        ["Health"] = "Probes for orchestrators: liveness (the process answers) and readiness (it can do its work). No key needed.",
        ["Problems"] = "Every problem type an error answer can carry (RFC 9457), with what it means and what to do.",
        ["Providers"] = "The clouds and KVM hosts the broker drives: their settings, credentials, limits and status.",
        ["Catalog"] = "What a provider offers: realms, images and hardware profiles.",
        ["Instances"] = "Machines: create, act on and destroy them (answered 202 with an operation), and read their history.",
        ["Operations"] = "The asynchronous work a request started: its steps, attempts and outcome.",
        ["Keys"] = "SSH public keys to put on new machines.",
        ["Quotas"] = "Limits on what a tenant, group or user may hold, and what they hold now.",
        ["Charges"] = "Rated usage: what each instance owes per SKU and UTC day, at list, contracted and billed amounts.",
        ["Billing periods"] = "Calendar months charges are billed in: open, then closed for good after a grace; late usage becomes corrections in the open one.",
        ["Costs"] = "Showback: cost grouped by tenant, group, user, provider, realm or tag, per day or month, for what the caller may read.",
        ["Alerts"] = "Budget thresholds reached by rated cost, raised once per scope, threshold and month.",
        ["Webhooks"] = "Where a tenant's alerts are sent: signed (HMAC-SHA256) deliveries, retried with backoff, and their attempts.",
        ["Exports"] = "FOCUS 1.2 exports of a tenant's billing period: Parquet, CSV and a manifest, built as an operation of kind export.",
        ["Price books"] = "Versioned prices per provider and SKU, tenant lines and contracts: the one source of prices for rating and budgets.",
        ["Reconciliation"] = "Runs that compare each provider's machines with the broker's records, and what they found.",
        ["Tenants"] = "Tenants: the isolation boundary of every other resource.",
        ["Pools"] = "Capacity tenants draw from: a provider's realms with overcommit, headroom, priority and who may use them; each realm's capacity and allocation.",
        ["Sizes"] = "Broker-level machine sizes to order by, and the hardware profile each matches on every provider.",
        ["Placement"] = "Where an order by size and image family goes: the preview of a decision (every filter and weigher, nothing claimed), why an instance is where it is, and a tenant's default placement policy.",
        ["Image families"] = "Broker-level image names to order by, mapped to each provider's image.",
        ["Groups"] = "Groups of a tenant's users, which machines and quotas can be charged to.",
        ["Users"] = "Users, their API keys, and the caller's own identity.",
        ["Audit"] = "The append-only record of who changed what, and which requests were refused.",
        ["Usage"] = "What each instance used: metered intervals per meter, from its history, with the tags in force.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var used = document.Paths.Values
            .SelectMany(item => item.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name!)
            .ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name,
            Description = Descriptions.TryGetValue(name, out var description)
                ? description
                : throw new InvalidOperationException($"OpenAPI tag '{name}' has no description: add it to {nameof(TagDescriptions)}."),
        }));
        return Task.CompletedTask;
    }
}
