namespace CloudBroker.Provisioning.Instances;

/// <summary>One edge of the instance state graph and what drives it: a user action or a provider event.</summary>
/// <param name="Action">The action that takes this edge, or <c>null</c> when an event does.</param>
/// <param name="Event">The provider event or broker verdict behind the edge, when no action is.</param>
public sealed record StateTransition(InstanceState From, InstanceState To, InstanceAction? Action, string? Event);
