namespace CloudBroker.Drivers;

public enum ProfilePropertyKind
{
    Fixed,
    Range,
    Enum,
}
