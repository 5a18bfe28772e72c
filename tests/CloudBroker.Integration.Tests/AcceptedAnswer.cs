namespace CloudBroker.Integration.Tests;

/// <summary>Checks a 202 against the wire contract: its operation, its Location headers and its kind.</summary>
internal static class AcceptedAnswer
{
    public static (string? OperationId, string? TargetId, List<string> Problems) Inspect(PlannedRequest request, Answer answer)
    {
        var body = Answer.TryParse(answer.Body);
        var operationId = (string?)body?["id"];
        var targetId = (string?)body?["targetId"];
        var kind = (string?)body?["kind"];
        var problems = new List<string>();
        if (operationId is null || answer.OperationLocation != "/api/operations/" + operationId)
        {
            problems.Add($"Operation-Location {answer.OperationLocation} does not name operation {operationId}");
        }

        if (targetId is null || answer.Location != "/api/instances/" + targetId || (request.InstanceId is not null && request.InstanceId != targetId))
        {
            problems.Add($"Location {answer.Location} / targetId {targetId} is not the instance asked for");
        }

        if (kind != request.Kind)
        {
            problems.Add($"operation kind {kind}, expected {request.Kind}");
        }

        return (operationId, targetId, problems);
    }
}
