namespace CloudBroker.Accounting.Webhooks;

/// <summary>The event types a webhook receives (the <c>type</c> of the body and the <c>CloudBroker-Event</c> header).</summary>
public static class WebhookEvents
{
    public const string BudgetThresholdCrossed = "budget.threshold-crossed";
}
