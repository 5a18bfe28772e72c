using System.Text.Json;

namespace CloudBroker.Api.Models;

/// <summary>
/// An export of a tenant's billing period: its revision, whether the period was closed (the final revision), its status,
/// its files and, once built, its manifest (the JSON document <c>manifest.json</c> serves).
/// </summary>
public sealed record ExportModel(
    string Id,
    string TenantId,
    string BillingPeriod,
    int Revision,
    bool Final,
    string Status,
    string OperationId,
    IReadOnlyList<ExportFileModel> Files,
    JsonElement? Manifest,
    DateTime CreatedAt,
    DateTime UpdatedAt);
