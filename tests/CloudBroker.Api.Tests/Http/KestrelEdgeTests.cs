using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// The HTTP edge on a real Kestrel server: body limits (its request-size enforcement differs from the in-memory test
/// server's), the headers it adds, clients that hang up early. Users talk to Kestrel.
/// </summary>
public sealed partial class KestrelEdgeTests(KestrelApi api) : IClassFixture<KestrelApi>
{
    private readonly ApiFactory _factory = api.Factory;

    [Fact]
    public async Task Answers_do_not_name_the_server()
    {
        using var client = _factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/instances", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }

    [Fact]
    public async Task A_client_that_hangs_up_in_the_middle_of_a_malformed_body_costs_no_warning()
    {
        // Declares 60,000 bytes, sends half a string, then closes: each such request used to log a 7-line warning.
        using var client = _factory.CreateAdminClient();
        var before = api.Logs.Count;
        var head = $"POST /api/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {ApiFactory.AdminKey}\r\n" +
                   "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"name\": \"";
        byte[] request = [.. System.Text.Encoding.ASCII.GetBytes(head), .. Enumerable.Repeat((byte)'a', 30_000)];
        const int Clients = 10;
        for (var i = 0; i < Clients; i++)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port, Ct);
            await tcp.GetStream().WriteAsync(request, Ct);
            await Task.Delay(50, Ct); // the body is being read when the client goes
        }

        // Kestrel logs the end of each connection after anything it says about it.
        var accepted = new HashSet<string>();
        var stopped = new HashSet<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<string> lines;
        do
        {
            await Task.Delay(20, Ct);
            lines = api.Logs.Lines.Skip(before).ToList();
            accepted = [.. lines.Select(l => Accepted().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
            stopped = [.. lines.Select(l => Stopped().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
        }
        while ((accepted.Count < Clients || !accepted.IsSubsetOf(stopped)) && watch.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(accepted.Count == Clients && accepted.IsSubsetOf(stopped), $"{accepted.Count} connections accepted, {stopped.Count} stopped");
        Assert.DoesNotContain(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));

        using var after = await client.GetAsync("/api/instances", Ct); // and the server is as it was
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [System.Text.RegularExpressions.GeneratedRegex("Connection id \"([^\"]+)\" accepted")]
    private static partial System.Text.RegularExpressions.Regex Accepted();

    [System.Text.RegularExpressions.GeneratedRegex("Connection id \"([^\"]+)\" stopped")]
    private static partial System.Text.RegularExpressions.Regex Stopped();

    [Fact]
    public async Task A_declared_body_over_64_KiB_is_413_with_the_limit()
    {
        using var client = _factory.CreateAdminClient();
        Assert.Equal("127.0.0.1", client.BaseAddress?.Host);
        using var response = await client.PostAsync(Oversized());
        var problem = await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(65536, (int?)problem["limit"]);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(4096)]
    public async Task A_streamed_body_over_64_KiB_is_413_with_the_limit(int writeSize)
    {
        using var client = _factory.CreateAdminClient();
        using var content = new UnsizedContent(Oversized().ToJsonString(), writeSize);
        using var response = await client.PostAsync("/api/instances", content, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(65536, (int?)problem["limit"]);
    }

    [Fact]
    public async Task A_streamed_body_under_the_limit_is_read()
    {
        using var client = _factory.CreateAdminClient();
        var body = InstanceCalls.Request(UniqueName("streamed"));
        using var content = new UnsizedContent(body.ToJsonString());
        using var response = await client.PostAsync("/api/instances", content, Ct);
        await ExpectJsonAsync(response, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_sent_in_one_write_is_413_with_the_limit()
    {
        // What `curl -H 'Transfer-Encoding: chunked' --data-binary @big.json` sends: headers and the whole body at once.
        using var client = _factory.CreateAdminClient();
        var body = System.Text.Encoding.UTF8.GetBytes(Oversized().ToJsonString());
        var head = $"POST /api/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {ApiFactory.AdminKey}\r\n" +
                   $"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{body.Length:x}\r\n";
        byte[] request = [.. System.Text.Encoding.ASCII.GetBytes(head), .. body, .. "\r\n0\r\n\r\n"u8];

        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port, Ct);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(request, Ct);
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync(Ct);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        var json = response[response.IndexOf('{', StringComparison.Ordinal)..(response.LastIndexOf('}') + 1)];
        var problem = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal("/problems/payload-too-large", (string?)problem["type"]);
        Assert.True(65536 == (int?)problem["limit"], json);
    }

    private static System.Text.Json.Nodes.JsonObject Oversized()
    {
        var body = InstanceCalls.Request(UniqueName("big"));
        body["userData"] = new string('x', 70 * 1024);
        return body;
    }
}
