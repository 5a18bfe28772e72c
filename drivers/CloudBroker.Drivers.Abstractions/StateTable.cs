namespace CloudBroker.Drivers;

/// <summary>
/// The one table through which a driver maps its native states, with
/// <see cref="DriverInstanceState.Unknown"/> for anything it does not list.
/// </summary>
public sealed class StateTable<TNative>
    where TNative : notnull
{
    private readonly IReadOnlyDictionary<TNative, DriverInstanceState> _map;

    public StateTable(IReadOnlyDictionary<TNative, DriverInstanceState> map) => _map = map;

    public DriverInstanceState Map(TNative native) =>
        _map.TryGetValue(native, out var state) ? state : DriverInstanceState.Unknown;

    public IEnumerable<TNative> NativeStates => _map.Keys;
}
