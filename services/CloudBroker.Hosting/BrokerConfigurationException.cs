namespace CloudBroker.Hosting;

/// <summary>A setting that cannot work, found before anything starts; its message says which setting to change.</summary>
public sealed class BrokerConfigurationException(string message) : Exception(message);
