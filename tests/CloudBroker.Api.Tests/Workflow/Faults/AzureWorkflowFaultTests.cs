namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>The workflow's fault tests on the Azure driver, through ARM fakes over HTTPS.</summary>
public sealed class AzureWorkflowFaultTests(AzureFaultyProviders factory) : WorkflowFaultTests<AzureFaultyProviders>(factory);
