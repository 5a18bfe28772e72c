using System.Xml.Linq;
using static CloudBroker.Testing.Ec2.Ec2Xml;

namespace CloudBroker.Testing.Ec2;

/// <summary>Start, Stop, Terminate (answering each instance's previous and current state) and Reboot.</summary>
internal static class StateChangeActions
{
    private static readonly Action NoChange = () => { };

    public static IEnumerable<XElement> Start(FakeCloud cloud, Ec2Request request) =>
        Change(cloud, request, (m, o, now) =>
            m.State == InstanceState.Stopped ? () => m.Boot(o.PendingFor, now)
            : m.State == InstanceState.Running || m.State == InstanceState.Pending ? NoChange
            : throw Ec2Fault.IncorrectState(m.Id, m.State.Name, "started"));

    public static IEnumerable<XElement> Stop(FakeCloud cloud, Ec2Request request) =>
        Change(cloud, request, (m, o, now) =>
            m.State == InstanceState.Running ? () => m.Enter(InstanceState.Stopping, InstanceState.Stopped, o.StoppingFor, now)
            : m.State == InstanceState.Stopped || m.State == InstanceState.Stopping ? NoChange
            : throw Ec2Fault.IncorrectState(m.Id, m.State.Name, "stopped"));

    public static IEnumerable<XElement> Terminate(FakeCloud cloud, Ec2Request request) =>
        Change(cloud, request, (m, o, now) =>
            m.State == InstanceState.Terminated || m.State == InstanceState.ShuttingDown ? NoChange
            : () => m.Enter(InstanceState.ShuttingDown, InstanceState.Terminated, o.ShuttingDownFor, now));

    public static IEnumerable<XElement> Reboot(FakeCloud cloud, Ec2Request request)
    {
        lock (cloud.Gate)
        {
            foreach (var m in Resolve(cloud, request).Where(m => m.State != InstanceState.Running))
            {
                throw Ec2Fault.IncorrectState(m.Id, m.State.Name, "rebooted");
            }

            // EC2 reboots in place: the state stays running.
            return [Element("return", "true")];
        }
    }

    /// <param name="plan">Checks one instance (throwing EC2's error) and returns the change to make.</param>
    private static List<XElement> Change(
        FakeCloud cloud, Ec2Request request, Func<FakeMachine, Ec2FakeOptions, DateTimeOffset, Action> plan)
    {
        lock (cloud.Gate)
        {
            var now = cloud.Now;
            var machines = Resolve(cloud, request);
            var before = machines.Select(m => m.State).ToList();

            // All or nothing, as EC2: every instance is checked before any changes.
            var changes = machines.Select(m => plan(m, cloud.Options, now)).ToList();
            changes.ForEach(change => change());
            return
            [
                Set("instancesSet", machines.Select((m, i) => new[]
                {
                    Element("instanceId", m.Id),
                    State("currentState", m.State),
                    State("previousState", before[i]),
                })),
            ];
        }
    }

    private static List<FakeMachine> Resolve(FakeCloud cloud, Ec2Request request)
    {
        var ids = request.List("InstanceId");
        if (ids.Count == 0)
        {
            throw Ec2Fault.Missing("InstanceId");
        }

        var now = cloud.Now;
        return [.. ids.Distinct().Select(id => cloud.Find(id, now))];
    }
}
