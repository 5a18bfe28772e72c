namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>One queue's messages: waiting to be delivered, and delivered to a consumer that has not acknowledged them yet.</summary>
internal sealed record QueueDepth(string Name, long Ready, long Unacknowledged);
