namespace CloudBroker.Api.Models;

/// <summary><c>GET /api/instance-states</c>: the state graph as data.</summary>
public sealed record InstanceStatesModel(IReadOnlyList<InstanceStateModel> States, IReadOnlyList<TransitionModel> Transitions);
