using CloudBroker.Api.Http.Limits;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>PATCH /api/instances/{id}</c>: <c>tags</c> is a JSON merge patch of the instance's tags (a value sets
/// its key, <c>null</c> removes it, keys not named stay; at most 100 keys named, at most 50 tags after it).
/// </summary>
public sealed record UpdateInstanceRequest(
    [property: Text(InstanceTags.MaxValueLength, MaxItems = 2 * InstanceTags.MaxCount, MaxKeyLength = InstanceTags.MaxKeyLength, KeyPattern = InstanceTags.KeyExpression)]
    Dictionary<string, string?>? Tags = null);
