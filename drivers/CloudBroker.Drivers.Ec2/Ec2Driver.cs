using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// One EC2 account and region behind the SPI, on the real SDK client. Every verb is one EC2 call (two for a create
/// with a key not seen before); create returns as soon as EC2 accepted the launch, in state pending.
/// </summary>
internal sealed class Ec2Driver : ICloudDriver
{
    /// <summary>DescribeInstances' largest page; EC2 may answer fewer and a NextToken.</summary>
    private const int PageSize = 1000;

    private readonly string _providerId;
    private readonly Ec2Settings _settings;
    private readonly IAmazonEC2 _client;
    private readonly Ec2KeyPairs _keyPairs;

    public Ec2Driver(string providerId, Ec2Settings settings, IAmazonEC2 client, ILogger logger)
    {
        _providerId = providerId;
        _settings = settings;
        _client = client;
        _keyPairs = new Ec2KeyPairs(client, name => Ec2Log.KeyPairImported(logger, providerId, name));
    }

    public IReadOnlySet<string> Capabilities { get; } = new HashSet<string>
    {
        Capability.UserData, Capability.SshKey, Capability.StartStop, Capability.Reboot, Capability.RealmChoice,
    };

    public Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<Realm>>("DescribeAvailabilityZones", async ct =>
        {
            var response = await _client.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest(), ct);
            return [.. (response.AvailabilityZones ?? []).Select(z => new Realm(z.ZoneName, z.ZoneName, z.State == AvailabilityZoneState.Available))];
        }, cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<Image>>("DescribeImages", async ct =>
        {
            var request = new DescribeImagesRequest
            {
                Owners = [.. _settings.ImageOwners],
                Filters = [.. _settings.ImageFilters.Select(f => new Filter(f.Key, [.. f.Value])), new Filter("state", ["available"])],
            };
            var response = await _client.DescribeImagesAsync(request, ct);
            return [.. (response.Images ?? []).Select(i => new Image(i.ImageId, i.Name ?? i.ImageId, i.Description ?? "", i.Architecture?.Value ?? "x86_64"))];
        }, cancellationToken);

    public Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_settings.Profiles);
    }

    public Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<DriverInstance>>("DescribeInstances", async ct =>
        {
            var instances = new List<DriverInstance>();
            string? nextToken = null;
            do
            {
                var response = await _client.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = PageSize, NextToken = nextToken }, ct);
                instances.AddRange(Flatten(response).Select(Ec2InstanceMapper.Map));
                nextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
            }
            while (nextToken is not null);
            return instances;
        }, cancellationToken);

    public Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync("DescribeInstances", async ct =>
        {
            try
            {
                var response = await _client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, ct);
                return Flatten(response).Where(i => i.InstanceId == instanceId).Select(Ec2InstanceMapper.Map).FirstOrDefault();
            }
            catch (AmazonServiceException ex) when (Ec2Errors.IsInstanceNotFound(ex))
            {
                // Gone for good (terminated instances are described for about an hour), or an id EC2 could never have made.
                return null;
            }
        }, cancellationToken);

    public Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CallAsync("RunInstances", async ct =>
        {
            if (_settings.Profiles.All(p => p.Id != spec.HardwareProfileId))
            {
                throw new DriverException(
                    DriverErrorKind.InvalidRequest, $"instance type '{spec.HardwareProfileId}' is not configured for ec2 provider '{_providerId}'");
            }

            var keyName = spec.SshKey is null ? null : await _keyPairs.EnsureAsync(spec.SshKey, ct);
            var response = await _client.RunInstancesAsync(Ec2LaunchRequests.Build(spec, keyName, _settings), ct);
            var instance = response.Reservation?.Instances?.FirstOrDefault()
                ?? throw new DriverException(DriverErrorKind.Unavailable, $"ec2 provider '{_providerId}' accepted RunInstances but described no instance");
            var created = Ec2InstanceMapper.Map(instance);

            // RunInstances need not echo the launch tags; the machine has them all the same.
            return created.Tags.Count > 0 ? created : created with
            {
                Name = spec.Name,
                Tags = new Dictionary<string, string>(spec.Tags) { [Ec2InstanceMapper.NameTag] = spec.Name },
            };
        }, cancellationToken);
    }

    public Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync("StartInstances", ct => _client.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [instanceId] }, ct), cancellationToken);

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync("StopInstances", ct => _client.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, ct), cancellationToken);

    public Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync("RebootInstances", ct => _client.RebootInstancesAsync(new RebootInstancesRequest { InstanceIds = [instanceId] }, ct), cancellationToken);

    public Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        CallAsync("TerminateInstances", async ct =>
        {
            try
            {
                // Terminating a terminated instance is a no-op at EC2 too; the root volume goes with the instance.
                return await _client.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instanceId] }, ct);
            }
            catch (AmazonServiceException ex) when (Ec2Errors.IsInstanceNotFound(ex))
            {
                return null;
            }
        }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static IEnumerable<Instance> Flatten(DescribeInstancesResponse response) =>
        (response.Reservations ?? []).SelectMany(r => r.Instances ?? []);

    /// <summary>Runs one EC2 call: nothing starts on a cancelled token, and every provider failure is mapped once, here.</summary>
    private async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Ec2Errors.IsProviderFailure(ex))
        {
            throw Ec2Errors.Map(ex, _providerId, what);
        }
    }
}
