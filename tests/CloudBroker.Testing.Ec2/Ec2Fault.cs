namespace CloudBroker.Testing.Ec2;

/// <summary>An EC2 error answer: HTTP status, error code and message, as the real service sends them.</summary>
internal sealed class Ec2Fault(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static Ec2Fault Invalid(string message) => new(400, "InvalidParameterValue", message);

    public static Ec2Fault Missing(string parameter) =>
        new(400, "MissingParameter", $"The request must contain the parameter {parameter}");

    public static Ec2Fault InstanceNotFound(string id) =>
        new(400, "InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");

    public static Ec2Fault IncorrectState(string id, string state, string verb) =>
        new(400, "IncorrectInstanceState", $"The instance '{id}' is not in a state from which it can be {verb} ({state}).");
}
