namespace CloudBroker.Accounting.Webhooks;

public static class WebhookDeliveryStatuses
{
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    /// <summary>Every attempt (<see cref="WebhookOptions.MaxAttempts"/>) was made and none was answered with 2xx.</summary>
    public const string Failed = "failed";
}
