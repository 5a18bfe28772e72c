using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static CloudBroker.Testing.Ec2.Ec2Xml;

namespace CloudBroker.Testing.Ec2;

/// <summary>DescribeInstances: by id or all, filtered, in pages of MaxResults (5..1000) linked by NextToken.</summary>
internal static class DescribeInstancesAction
{
    public static IEnumerable<XElement> Handle(FakeCloud cloud, Ec2Request request)
    {
        var ids = request.List("InstanceId");
        var maxResults = request.Integer("MaxResults");
        if (ids.Count > 0 && maxResults is not null)
        {
            throw new Ec2Fault(400, "InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        if (maxResults is < 5 or > 1000)
        {
            throw Ec2Fault.Invalid($"Value ( {maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }

        var after = DecodeToken(request.Optional("NextToken"));
        var filters = request.Filters();
        var pageSize = Math.Min(maxResults ?? int.MaxValue, cloud.Options.MaxPageSize);
        lock (cloud.Gate)
        {
            var now = cloud.Now;
            IEnumerable<FakeMachine> selected = ids.Count > 0 ? [.. ids.Distinct().Select(id => cloud.Find(id, now))] : cloud.Visible(now);
            var matching = selected.Where(m => InstanceFilters.Match(filters, m)).Where(m => m.Ordinal > after).ToList();
            var page = matching.Take(pageSize).ToList();
            var content = new List<XElement>
            {
                Set("reservationSet", page.Select(m => new[]
                {
                    Element("reservationId", m.ReservationId),
                    Element("ownerId", cloud.Options.AccountId),
                    Element("groupSet", null),
                    Set("instancesSet", [InstanceXml.Of(m)]),
                })),
            };
            if (matching.Count > page.Count)
            {
                content.Add(Element("nextToken", EncodeToken(page[^1].Ordinal)));
            }

            return content;
        }
    }

    // Opaque to callers; holds the launch order of the last instance returned, so removals between pages skip nothing.
    private static string EncodeToken(long ordinal) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + ordinal.ToString(CultureInfo.InvariantCulture)));

    private static long DecodeToken(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("after:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(6), CultureInfo.InvariantCulture, out var ordinal))
            {
                return ordinal;
            }
        }
        catch (FormatException)
        {
        }

        throw Ec2Fault.Invalid($"The token '{token}' is invalid.");
    }
}
