namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// A host without libvirt: the driver assembly is loaded a second time into its own load context, whose native
/// library resolution for <c>libvirt.so.0</c> points at a file that does not exist. The real P/Invoke then fails
/// with the runtime's own DllNotFoundException, and the factory must turn that into Unavailable with the fix.
/// </summary>
public sealed class MissingLibraryTests : LibvirtTestBase
{
    [Fact]
    public void Without_libvirt_the_factory_says_unavailable_and_how_to_install_it()
    {
        var context = new LoadContextWithoutLibvirt();
        try
        {
            var assembly = context.LoadFromAssemblyPath(typeof(LibvirtDriverFactory).Assembly.Location);
            var factory = (ICloudDriverFactory)Activator.CreateInstance(assembly.GetType(typeof(LibvirtDriverFactory).FullName!)!)!;
            Assert.NotSame(typeof(LibvirtDriverFactory), factory.GetType());

            var ex = Assert.Throws<DriverException>(() => factory.Create(Harness.Context(LibvirtHarness.OneRealm)));

            Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
            Assert.Contains("libvirt.so.0", ex.Message);
            Assert.Contains("apt-get install libvirt0", ex.Message);
            Assert.IsType<DllNotFoundException>(ex.InnerException);
            Assert.Equal(1, context.Requests);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public async Task With_libvirt_the_same_factory_opens_a_driver()
    {
        await using var driver = new LibvirtDriverFactory().Create(Harness.Context(LibvirtHarness.OneRealm));

        Assert.Contains(Capability.StartStop, driver.Capabilities);
        Assert.Equal("libvirt", new LibvirtDriverFactory().Name);
    }
}
