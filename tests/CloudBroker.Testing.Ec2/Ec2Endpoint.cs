using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Testing.Ec2;

/// <summary>
/// Answers one Query API request: count it, find the account by the access key id, wait its
/// <see cref="Ec2FakeOptions.ResponseDelay"/>, roll its 5xx dice, run the action, write its XML or EC2's error envelope.
/// </summary>
internal sealed class Ec2Endpoint(Ec2Accounts accounts, Ec2FakeCounters counters)
{
    private const string CredentialPrefix = "Credential=";

    private static readonly Dictionary<string, Func<FakeCloud, Ec2Request, IEnumerable<XElement>>> Actions = new(StringComparer.Ordinal)
    {
        ["RunInstances"] = RunInstancesAction.Handle,
        ["DescribeInstances"] = DescribeInstancesAction.Handle,
        ["StartInstances"] = StateChangeActions.Start,
        ["StopInstances"] = StateChangeActions.Stop,
        ["RebootInstances"] = StateChangeActions.Reboot,
        ["TerminateInstances"] = StateChangeActions.Terminate,
        ["DescribeAvailabilityZones"] = CatalogActions.AvailabilityZones,
        ["DescribeImages"] = CatalogActions.Images,
        ["ImportKeyPair"] = KeyPairActions.Import,
        ["DescribeKeyPairs"] = KeyPairActions.Describe,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        XElement answer;
        var status = StatusCodes.Status200OK;
        try
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : new FormCollection([]);
            var request = new Ec2Request(form);
            var action = request.Action;
            counters.Request(action);
            var cloud = Authenticate(context.Request.Headers.Authorization.ToString());
            if (cloud.Options.ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(cloud.Options.ResponseDelay, context.RequestAborted);
            }

            InjectServerError(cloud);
            var handler = Actions.GetValueOrDefault(action)
                ?? throw new Ec2Fault(400, "InvalidAction", $"The action {action} is not valid for this web service.");
            answer = Ec2Xml.Response(action, requestId, handler(cloud, request));
        }
        catch (Ec2Fault fault)
        {
            status = fault.Status;
            answer = Ec2Xml.Error(fault.Code, fault.Message, requestId);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml;charset=UTF-8";
        await answer.SaveAsync(context.Response.Body, SaveOptions.DisableFormatting, context.RequestAborted);
    }

    /// <summary>Reads the access key id from the SigV4 header (<c>Credential=AKID/date/region/ec2/aws4_request</c>).</summary>
    private FakeCloud Authenticate(string authorization)
    {
        var start = authorization.IndexOf(CredentialPrefix, StringComparison.Ordinal);
        var keyId = start < 0 ? null : authorization[(start + CredentialPrefix.Length)..].Split('/')[0];
        return accounts.Find(keyId)
            ?? throw new Ec2Fault(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    private static void InjectServerError(FakeCloud cloud)
    {
        var rate = cloud.Options.ServerErrorRate;
        if (rate <= 0)
        {
            return;
        }

        var roll = cloud.Roll();
        if (roll < rate)
        {
            cloud.Counters.ServerError();

            // Half of the failures each way, as EC2 answers both.
            throw roll < rate / 2
                ? new Ec2Fault(500, "InternalError", "An internal error has occurred.")
                : new Ec2Fault(503, "Unavailable", "The server is overloaded and can't handle the request.");
        }
    }
}
