namespace CloudBroker.Api.Models;

/// <summary>A state, the actions it allows (before provider capabilities are applied), and whether it is final.</summary>
public sealed record InstanceStateModel(string Name, IReadOnlyList<string> Actions, bool Final);
