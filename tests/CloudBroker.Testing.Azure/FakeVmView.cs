using System.Text.Json.Nodes;

namespace CloudBroker.Testing.Azure;

/// <summary>What a test may look at of a VM: the body as it was sent (custom data included) and its states now.</summary>
public sealed record FakeVmView(string Name, JsonObject Sent, string ProvisioningState, string? PowerState);
