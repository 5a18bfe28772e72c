namespace CloudBroker.Drivers;

/// <summary>
/// What identifies the place a provider's machines live in (a libvirt host, a cloud account in a region), read by its
/// driver from the settings alone. The core compares these between providers without knowing any driver: two
/// providers with a key in common would list, and so could take, each other's machines.
/// </summary>
/// <param name="Keys">
/// The endpoint or account, one key per place the provider reaches, normalised by the driver so that two spellings of
/// one place are equal (<c>libvirt qemu://kvm1/system</c>). Shown to admins in refusals: never a secret (an access key
/// id is hashed).
/// </param>
/// <param name="PossibleKeys">
/// Places two providers may share without the driver being able to tell from the settings whether they reach the same
/// machines (two access keys of one AWS account and region): the core warns, and the machines' provider tags keep
/// them apart.
/// </param>
public sealed record ProviderEndpoint(IReadOnlyList<string> Keys, IReadOnlyList<string> PossibleKeys);
