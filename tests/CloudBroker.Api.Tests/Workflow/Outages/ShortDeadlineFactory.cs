namespace CloudBroker.Api.Tests.Workflow.Outages;

/// <summary>The <see cref="OutageFactory"/> with a 2 s deadline on actions, so an outage outlasts an operation.</summary>
public sealed class ShortDeadlineFactory : OutageFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["CloudBroker:Provisioning:ActionTimeout"] = "00:00:02";
    }
}
