using System.Text.RegularExpressions;
using System.Xml.Linq;
using static CloudBroker.Testing.Ec2.Ec2Xml;

namespace CloudBroker.Testing.Ec2;

/// <summary>RunInstances: rate bucket, ClientToken idempotency, validation, launch, and the injected launch faults.</summary>
internal static partial class RunInstancesAction
{
    // What may differ between two calls with one ClientToken without being a different request.
    private static readonly string[] NotPartOfTheRequest = ["Action", "Version", "ClientToken"];

    public static IEnumerable<XElement> Handle(FakeCloud cloud, Ec2Request request)
    {
        var options = cloud.Options;
        if (!cloud.RunInstancesBucket.TryTake(options.RunInstancesBurst, options.RunInstancesRefillPerSecond, options.RunInstancesInitialTokens))
        {
            cloud.Counters.Throttle();
            throw new Ec2Fault(503, "RequestLimitExceeded", "Request limit exceeded.");
        }

        var token = request.Optional("ClientToken");
        var fingerprint = request.Fingerprint(NotPartOfTheRequest);
        lock (cloud.Gate)
        {
            var now = cloud.Now;
            if (token is not null && cloud.Tokens.TryGetValue(token, out var known))
            {
                // EC2 keeps answering a token with its launch, even once the instances are no longer described.
                known.Machines.ForEach(m => m.Settle(now));
                return known.Fingerprint == fingerprint
                    ? Reservation(cloud, known.Machines)
                    : throw new Ec2Fault(400, "IdempotentParameterMismatch",
                        $"The client token '{token}' was used before with different parameters.");
            }

            var launch = Validate(cloud, request);
            if (options.InsufficientCapacity)
            {
                throw new Ec2Fault(500, "InsufficientInstanceCapacity",
                    $"We currently do not have sufficient {launch.InstanceType} capacity in the Availability Zone you requested ({launch.Zone}).");
            }

            var machines = Launch(cloud, request, launch, token ?? Guid.NewGuid().ToString(), now);
            if (token is not null)
            {
                cloud.Tokens[token] = (fingerprint, machines);
            }

            if (options.FailAfterCreate)
            {
                cloud.Counters.ServerError();
                throw new Ec2Fault(500, "InternalError", "An internal error has occurred.");
            }

            return Reservation(cloud, machines);
        }
    }

    /// <summary>The reservation a RunInstances answer holds (the SDK reads it as <c>RunInstancesResponse.Reservation</c>).</summary>
    private static IEnumerable<XElement> Reservation(FakeCloud cloud, List<FakeMachine> machines) =>
    [
        Element("reservationId", machines[0].ReservationId),
        Element("ownerId", cloud.Options.AccountId),
        Element("groupSet", null),
        Set("instancesSet", machines.Select(InstanceXml.Of)),
    ];

    private static List<FakeMachine> Launch(FakeCloud cloud, Ec2Request request, LaunchRequest launch, string token, DateTimeOffset now)
    {
        var reservationId = cloud.NextId("r");
        var tags = request.Tags("instance");
        var machines = new List<FakeMachine>();
        for (var i = 0; i < launch.Count; i++)
        {
            var ordinal = cloud.NextOrdinal();
            var machine = new FakeMachine
            {
                Ordinal = ordinal,
                Id = cloud.NextId("i"),
                ReservationId = reservationId,
                ImageId = launch.ImageId,
                InstanceType = launch.InstanceType,
                Zone = launch.Zone,
                PrivateIp = $"10.0.{ordinal / 250 % 250}.{(ordinal % 250) + 4}",
                ClientToken = token,
                LaunchTime = now,
                KeyName = request.Optional("KeyName"),
                UserData = request.Optional("UserData"),
                SubnetId = request.Optional("SubnetId"),
                SecurityGroupIds = request.List("SecurityGroupId"),
                Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
                NeverReady = cloud.Options.NeverReady,
            };
            machine.Boot(cloud.Options.PendingFor, now);
            cloud.Add(machine);
            cloud.Counters.Created();
            machines.Add(machine);
        }

        return machines;
    }

    private static LaunchRequest Validate(FakeCloud cloud, Ec2Request request)
    {
        var imageId = request.Required("ImageId");
        InstanceIds.CheckImageFormat(imageId);
        if (cloud.Options.Images.All(i => i.Id != imageId))
        {
            throw new Ec2Fault(400, "InvalidAMIID.NotFound", $"The image id '[{imageId}]' does not exist");
        }

        var instanceType = request.Optional("InstanceType") ?? "m1.small";
        if (!InstanceType().IsMatch(instanceType))
        {
            throw Ec2Fault.Invalid($"Invalid value '{instanceType}' for InstanceType.");
        }

        var min = request.Integer("MinCount") ?? throw Ec2Fault.Missing("MinCount");
        var max = request.Integer("MaxCount") ?? throw Ec2Fault.Missing("MaxCount");
        if (min < 1 || max < min || max > 20)
        {
            throw Ec2Fault.Invalid($"MinCount {min} and MaxCount {max} must satisfy 1 <= MinCount <= MaxCount <= 20");
        }

        var zones = cloud.Options.ZoneNames;
        var zone = request.Optional("Placement.AvailabilityZone") ?? zones[0];
        if (!zones.Contains(zone))
        {
            throw Ec2Fault.Invalid($"Invalid availability zone: [{zone}]");
        }

        if (request.Optional("KeyName") is { } keyName && !cloud.KeyPairs.ContainsKey(keyName))
        {
            throw new Ec2Fault(400, "InvalidKeyPair.NotFound", $"The key pair '{keyName}' does not exist");
        }

        if (request.Optional("UserData") is { } userData && !IsBase64(userData))
        {
            throw Ec2Fault.Invalid("Invalid BASE64 encoding of user data.");
        }

        return new LaunchRequest(imageId, instanceType, zone, max);
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    [GeneratedRegex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$")]
    private static partial Regex InstanceType();

    private sealed record LaunchRequest(string ImageId, string InstanceType, string Zone, int Count);
}
