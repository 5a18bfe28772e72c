using System.Text.Json;

namespace CloudBroker.Api.Models;

/// <summary>
/// An export of a tenant's billing period: its revision, whether the period was closed (the final revision), its status,
/// its files and, once built, its manifest (the JSON document <c>manifest.json</c> serves). <c>schedule</c> says why the
/// worker made it: the day a daily revision covers (<c>YYYY-MM-DD</c>) or <c>final</c>; null when it was requested.
/// </summary>
public sealed record ExportModel(
    string Id,
    string TenantId,
    string BillingPeriod,
    int Revision,
    bool Final,
    string? Schedule,
    string Status,
    string OperationId,
    IReadOnlyList<ExportFileModel> Files,
    JsonElement? Manifest,
    DateTime CreatedAt,
    DateTime UpdatedAt);
