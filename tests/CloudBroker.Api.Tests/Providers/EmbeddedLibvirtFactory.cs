using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// The fixture with the quick start's default <c>libvirt</c> provider (libvirt's <c>test:///default</c> host) left on,
/// and <c>kvm-down</c>, a libvirt provider whose one host does not answer (nothing listens where its URI points).
/// </summary>
public sealed class EmbeddedLibvirtFactory : ApiFactory
{
    protected override bool KeepEmbeddedLibvirt => true;

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Providers:kvm-down:Driver"] = "libvirt";
        settings["CloudBroker:Providers:kvm-down:Uris:0"] = "qemu+tcp://127.0.0.1:1/system";
    }
}
