namespace CloudBroker.Drivers;

/// <summary>The driver error taxonomy; the core maps each kind to one problem type, once.</summary>
public enum DriverErrorKind
{
    /// <summary>Credentials refused by the provider.</summary>
    Authentication,

    /// <summary>The named object does not exist at the provider.</summary>
    NotFound,

    /// <summary>The provider refused the request as malformed or unsupported.</summary>
    InvalidRequest,

    /// <summary>The object is not in a state that allows the request.</summary>
    Conflict,

    /// <summary>The provider is out of capacity or the account's quota there is used up.</summary>
    Capacity,

    /// <summary>The provider asked us to slow down (see <see cref="DriverException.RetryAfter"/>).</summary>
    Throttled,

    /// <summary>The provider cannot be reached or is not usable on this host.</summary>
    Unavailable,

    /// <summary>The provider did not answer in time; the request may or may not have taken effect.</summary>
    Timeout,
}
