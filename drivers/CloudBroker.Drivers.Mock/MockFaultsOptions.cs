namespace CloudBroker.Drivers.Mock;

/// <summary>The <c>Faults</c> section: one <see cref="MockFaultOptions"/> per verb (unknown verbs are an error).</summary>
public sealed class MockFaultsOptions
{
    public MockFaultOptions Create { get; set; } = new();

    public MockFaultOptions Start { get; set; } = new();

    public MockFaultOptions Stop { get; set; } = new();

    public MockFaultOptions Reboot { get; set; } = new();

    public MockFaultOptions Destroy { get; set; } = new();

    public MockFaultOptions Get { get; set; } = new();

    public MockFaultOptions List { get; set; } = new();

    public MockFaultOptions For(MockVerb verb) => verb switch
    {
        MockVerb.Create => Create,
        MockVerb.Start => Start,
        MockVerb.Stop => Stop,
        MockVerb.Reboot => Reboot,
        MockVerb.Destroy => Destroy,
        MockVerb.Get => Get,
        MockVerb.List => List,
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "unknown verb"),
    };
}
