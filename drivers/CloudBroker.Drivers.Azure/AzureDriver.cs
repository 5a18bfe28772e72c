using Azure;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// One Azure subscription and resource group behind the SPI, on Azure.ResourceManager.Compute. Every long-running
/// operation is started with <see cref="WaitUntil.Started"/> and never waited on: the broker's pipeline reads the VM
/// again on its own timer rows until it reaches the state it wants.
/// </summary>
internal sealed class AzureDriver : ICloudDriver
{
    private static readonly IReadOnlySet<string> Declared = new HashSet<string>
    {
        Capability.UserData, Capability.SshKey, Capability.StartStop, Capability.Reboot, Capability.RealmChoice,
    };

    private readonly string _providerId;
    private readonly AzureSettings _settings;
    private readonly ArmClient _arm;
    private readonly AzureTransport _transport;
    private readonly AzureRealms _realms;
    private readonly VmObserver _observer;
    private readonly AzureErrors _errors;
    private readonly ILogger _logger;

    public AzureDriver(string providerId, AzureSettings settings, ArmClient arm, AzureTransport transport, ILogger logger)
    {
        _providerId = providerId;
        _settings = settings;
        _arm = arm;
        _transport = transport;
        _logger = logger;
        _realms = new AzureRealms(settings.Location, settings.Zones);
        _observer = new VmObserver(settings.Images);
        _errors = new AzureErrors(providerId, settings);
    }

    public IReadOnlySet<string> Capabilities => Declared;

    private VirtualMachineCollection Vms => _arm
        .GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(_settings.SubscriptionId, _settings.ResourceGroup))
        .GetVirtualMachines();

    public Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken) => Static(_realms.All, cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken) =>
        Static<Image>([.. _settings.Images.Select(i => i.ToImage())], cancellationToken);

    public Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken) =>
        Static(_settings.Sizes, cancellationToken);

    public Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken) =>
        _errors.RunAsync<IReadOnlyList<DriverInstance>>("listing VMs", async () =>
        {
            var seen = new List<DriverInstance>();
            await foreach (var vm in Vms.GetAllAsync(expand: GetVirtualMachineExpandType.InstanceView, cancellationToken: cancellationToken))
            {
                seen.Add(_observer.Observe(vm.Data));
            }

            return seen;
        });

    public Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return !VmNames.IsVmName(instanceId)
            ? Task.FromResult<DriverInstance?>(null)
            : _errors.RunAsync($"reading VM {instanceId}", async () =>
            {
                try
                {
                    var vm = await Vms.GetAsync(instanceId, InstanceViewType.InstanceView, cancellationToken);
                    return _observer.Observe(vm.Value.Data);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    return (DriverInstance?)null;
                }
            });
    }

    public Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        var image = _settings.Images.FirstOrDefault(i => i.Id == spec.ImageId)
            ?? throw new DriverException(DriverErrorKind.InvalidRequest, $"azure provider '{_providerId}' has no image '{spec.ImageId}'");
        if (!_settings.Sizes.Any(s => s.Id == spec.HardwareProfileId))
        {
            throw new DriverException(DriverErrorKind.InvalidRequest, $"azure provider '{_providerId}' has no VM size '{spec.HardwareProfileId}'");
        }

        if (!_realms.TryZone(spec.RealmId, out var zone))
        {
            throw new DriverException(DriverErrorKind.InvalidRequest, $"azure provider '{_providerId}' has no realm '{spec.RealmId}'");
        }

        var name = VmNames.ForInstance(spec.InstanceId);
        var data = VmRequest.Build(spec, name, _settings, image, zone);
        return _errors.RunAsync($"creating VM {name}", async () =>
        {
            // One PUT; ARM answers 201 (or 200 for a VM that exists) long before the VM runs.
            var operation = await Vms.CreateOrUpdateAsync(WaitUntil.Started, name, data, cancellationToken);
            var realm = AzureRealms.RealmOf(_settings.Location, data.Zones);
            AzureLog.Accepted(_logger, _providerId, name, realm);
            return new DriverInstance(name, spec.Name, realm, spec.ImageId, spec.HardwareProfileId, DriverInstanceState.Pending,
                ProvisioningStateOf(operation.GetRawResponse()), [], new Dictionary<string, string>(spec.Tags, StringComparer.Ordinal));
        });
    }

    public Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ActAsync(instanceId, "start", (vm, ct) => vm.PowerOnAsync(WaitUntil.Started, ct), cancellationToken);

    /// <summary>Deallocates: a stopped-but-allocated VM would go on costing compute.</summary>
    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ActAsync(instanceId, "deallocate", (vm, ct) => vm.DeallocateAsync(WaitUntil.Started, hibernate: null, ct), cancellationToken);

    public Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        ActAsync(instanceId, "restart", (vm, ct) => vm.RestartAsync(WaitUntil.Started, ct), cancellationToken);

    public async Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!VmNames.IsVmName(instanceId))
        {
            return;
        }

        try
        {
            // ARM answers 204 for a VM that is not there; a 404 (missing resource group aside) means the same.
            await ActAsync(instanceId, "delete", (vm, ct) => vm.DeleteAsync(WaitUntil.Started, forceDeletion: null, ct), cancellationToken);
        }
        catch (DriverException ex) when (ex.Kind == DriverErrorKind.NotFound)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _transport.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ActAsync(string instanceId, string action, Func<VirtualMachineResource, CancellationToken, Task<ArmOperation>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!VmNames.IsVmName(instanceId))
        {
            throw new DriverException(DriverErrorKind.NotFound, $"azure provider '{_providerId}' has no VM '{instanceId}'");
        }

        var vm = _arm.GetVirtualMachineResource(VirtualMachineResource.CreateResourceIdentifier(_settings.SubscriptionId, _settings.ResourceGroup, instanceId));
        try
        {
            await _errors.RunAsync($"{action} of VM {instanceId}", () => call(vm, cancellationToken));
        }
        catch (DriverException ex) when (ex.Kind == DriverErrorKind.Throttled)
        {
            AzureLog.Throttled(_logger, _providerId, action, ex.RetryAfter);
            throw;
        }

        AzureLog.ActionAccepted(_logger, _providerId, action, instanceId);
    }

    /// <summary>The provisioning state in a PUT answer (<c>creating</c> for a new VM), for diagnostics.</summary>
    private static string ProvisioningStateOf(Response response)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(response.Content);
            return json.RootElement.TryGetProperty("properties", out var p) && p.TryGetProperty("provisioningState", out var s)
                ? s.GetString()?.ToLowerInvariant() ?? "creating"
                : "creating";
        }
        catch (System.Text.Json.JsonException)
        {
            return "creating";
        }
    }

    private static Task<IReadOnlyList<T>> Static<T>(IReadOnlyList<T> items, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<IReadOnlyList<T>>(cancellationToken) : Task.FromResult(items);
}
