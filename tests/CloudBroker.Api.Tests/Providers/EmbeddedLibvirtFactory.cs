using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>The fixture with the quick start's default <c>libvirt</c> provider (libvirt's <c>test:///default</c> host) left on.</summary>
public sealed class EmbeddedLibvirtFactory : ApiFactory
{
    protected override bool KeepEmbeddedLibvirt => true;
}
