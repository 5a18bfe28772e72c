using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>Price-book requests as an admin makes them.</summary>
public static class PriceBookCalls
{
    public static JsonObject Line(string providerId, string sku, string unitPrice, string? tenantId = null) => new()
    {
        ["providerId"] = providerId,
        ["sku"] = sku,
        ["unitPrice"] = unitPrice,
        ["tenantId"] = tenantId,
    };

    /// <summary>Creates a book (USD unless told) with one draft version; returns its id and the draft's ETag.</summary>
    public static async Task<(string BookId, string ETag)> CreateBookAsync(
        this HttpClient admin, string name, DateTime from, JsonArray lines, JsonArray? contracts = null, string currency = "USD")
    {
        using var response = await admin.PostAsync("/api/price-books", Body(new JsonObject
        {
            ["name"] = name,
            ["currency"] = currency,
            ["effectiveFrom"] = from,
            ["lines"] = lines,
            ["contracts"] = contracts ?? [],
        }), Ct);
        var version = await ExpectJsonAsync(response, HttpStatusCode.Created);
        return ((string)version["priceBookId"]!, response.Headers.ETag!.ToString());
    }

    public static async Task<HttpResponseMessage> PublishAsync(this HttpClient admin, string bookId, int version, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/price-books/{bookId}/versions/{version}/publish");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await admin.SendAsync(request, Ct);
    }

    /// <summary>Creates and publishes a book; returns its id.</summary>
    public static async Task<string> PublishBookAsync(this HttpClient admin, string name, DateTime from, JsonArray lines, JsonArray? contracts = null)
    {
        var (bookId, etag) = await admin.CreateBookAsync(name, from, lines, contracts);
        using var published = await admin.PublishAsync(bookId, 1, etag);
        await ExpectJsonAsync(published, HttpStatusCode.OK);
        return bookId;
    }
}
