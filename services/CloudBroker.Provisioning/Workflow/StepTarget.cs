using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>What a workflow step acts on: its operation (where a pacing turn is kept), the instance and its provider's driver.</summary>
internal sealed record StepTarget(Operation Operation, Instance Instance, GatedDriver Driver);
