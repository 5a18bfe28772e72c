namespace CloudBroker.Drivers;

/// <summary>A setting of a provider defined through the API that is refused: its key and why (with what to do instead).</summary>
public sealed record SettingRefusal(string Key, string Reason);
