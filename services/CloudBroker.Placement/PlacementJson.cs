using System.Text.Json.Serialization;
using CloudBroker.Placement.Pools;

namespace CloudBroker.Placement;

/// <summary>The JSON of Placement's list and map columns (source-generated, as everywhere in the broker).</summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<DeclaredCapacity>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PlacementJson : JsonSerializerContext;
