namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>The workflow's fault tests on ec2 providers: the real SDK against the EC2 fake's injected faults.</summary>
public sealed class Ec2WorkflowFaultTests(Ec2FaultyProviders factory) : WorkflowFaultTests<Ec2FaultyProviders>(factory);
