namespace CloudBroker.Drivers.Mock;

/// <summary>The driver calls that can be given faults (<c>Faults:&lt;Verb&gt;</c>).</summary>
public enum MockVerb
{
    Create,
    Start,
    Stop,
    Reboot,
    Destroy,
    Get,
    List,
}
