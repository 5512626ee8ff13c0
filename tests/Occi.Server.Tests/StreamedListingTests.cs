using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Occi.Rendering;
using Occi.Server.Http;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 11: a listing larger than Occi:Limits:ResponseBufferBytes is sent as it is rendered, with
/// chunked transfer encoding and no Content-Length, whole and parseable, never holding more than about the
/// bound unsent; smaller answers keep their Content-Length. The bound is small here so a few hundred
/// members cross it; the server's <see cref="StreamedResponses"/> tells what it handed to Kestrel at once.
/// </summary>
public class StreamedListingTests : ServerTest
{
    private const int Bound = 16 * 1024;

    protected override (string Key, string Value)[] Settings => [("Occi:Limits:ResponseBufferBytes", Bound.ToString())];

    private StreamedResponses Streamed => Server.Services.GetRequiredService<StreamedResponses>();

    private async Task<List<string>> CreateComputesAsync(int count, string extraLines = "")
    {
        var created = new List<string>(count);
        for (var i = 0; i < count; i++) created.Add(await CreateComputeAsync(extraLines));
        return created;
    }

    /// <summary>The member paths a listing names, read the way a client of that media type reads it.</summary>
    private static List<string> PathsIn(string mediaType, string body) => mediaType switch
    {
        "application/occi+json" => ((JsonArray)JsonNode.Parse(body)!["resources"]!).Select(r => "/compute/" + (string)r!["id"]!).ToList(),
        "application/occi+json; dialect=1.1" => ((JsonArray)JsonNode.Parse(body)!["resources"]!)
            .Select(r => "/compute/" + (string)r!["attributes"]!["occi"]!["core"]!["id"]!).ToList(),
        _ => OcciText.Locations(body).Select(l => new Uri(l).AbsolutePath).ToList(),
    };

    private async Task<HttpResponseMessage> ListAsync(string mediaType, string path = "/compute/")
    {
        var dialect11 = mediaType.EndsWith("dialect=1.1", StringComparison.Ordinal);
        var request = Server.Request(HttpMethod.Get, path, dialect11 ? Json11Client.Json : mediaType);
        request.Headers.TryAddWithoutValidation("User-Agent", dialect11 ? Json11Client.RocciAgent : Json11Client.Occi12Agent);
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [TestCase("text/uri-list")]
    [TestCase("text/plain")]
    [TestCase("application/occi+json")]
    [TestCase("application/occi+json; dialect=1.1")]
    public async Task A_listing_over_the_bound_is_streamed_chunked_whole_and_parseable(string mediaType)
    {
        var created = await CreateComputesAsync(mediaType.StartsWith("text/", StringComparison.Ordinal) ? 400 : 60);
        var before = Streamed.Count;

        using var response = await ListAsync(mediaType);
        var sentLength = response.Content.Headers.ContentLength; // read before the body: HttpClient computes one for a buffered body
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Headers.TransferEncodingChunked, Is.True);
        Assert.That(sentLength, Is.Null);
        Assert.That(body.Length, Is.GreaterThan(Bound));
        Assert.That(PathsIn(mediaType, body), Is.EquivalentTo(created));
        Assert.That(Streamed.Count, Is.EqualTo(before + 1));
    }

    [TestCase("text/uri-list")]
    [TestCase("text/plain")]
    [TestCase("application/occi+json")]
    [TestCase("application/occi+json; dialect=1.1")]
    public async Task A_small_listing_carries_its_Content_Length(string mediaType)
    {
        var created = await CreateComputesAsync(3);

        using var response = await ListAsync(mediaType);
        var sentLength = response.Content.Headers.ContentLength;
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.TransferEncodingChunked, Is.Not.True);
        Assert.That(sentLength, Is.EqualTo(bytes.Length));
        Assert.That(PathsIn(mediaType, System.Text.Encoding.UTF8.GetString(bytes)), Is.EquivalentTo(created));
        Assert.That(Streamed.Count, Is.Zero);
    }

    [Test]
    public async Task No_more_than_the_bound_and_a_step_waits_unsent_however_long_the_listing()
    {
        await CreateComputesAsync(1500);

        using var response = await ListAsync("text/uri-list");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.Headers.TransferEncodingChunked, Is.True);
        Assert.That(body.Length, Is.GreaterThan(5 * Bound));
        // The renderer stops at a step once a bound's worth waits: at most a step (and one line) more is ever held.
        Assert.That(Streamed.LargestSend, Is.InRange(Bound, Bound + ICollectionStreaming.StepBytes + 512));
    }

    [TestCase("application/occi+json")]
    [TestCase("application/occi+json; dialect=1.1")]
    public async Task A_JSON_listing_read_from_the_store_page_by_page_has_every_member_once_in_order(string mediaType)
    {
        var created = await CreateComputesAsync(700); // the store is read 256 entities at a time

        using var response = await ListAsync(mediaType);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.Headers.TransferEncodingChunked, Is.True);
        Assert.That(PathsIn(mediaType, body), Is.EqualTo(created.Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task HEAD_of_a_listing_over_the_bound_answers_200_without_a_body()
    {
        await CreateComputesAsync(60);

        using var response = await Http.SendAsync(Server.Request(HttpMethod.Head, "/compute/", "application/occi+json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That((await SendAsync(HttpMethod.Get, "/compute/")).StatusCode, Is.EqualTo(HttpStatusCode.OK)); // the connection is fine
    }

    [Test]
    public async Task Members_with_big_attribute_values_stream_and_come_back_whole()
    {
        var title = string.Concat(Enumerable.Repeat("0123456789", 6000)); // 60,000 bytes, under the 64 KiB value bound
        var created = await CreateComputesAsync(8, $"X-OCCI-Attribute: occi.core.title=\"{title}\"");

        using var response = await ListAsync("application/occi+json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.Headers.TransferEncodingChunked, Is.True);
        var resources = (JsonArray)JsonNode.Parse(body)!["resources"]!;
        Assert.That(resources.Select(r => "/compute/" + (string)r!["id"]!), Is.EquivalentTo(created));
        Assert.That(resources.Select(r => (string)r!["attributes"]!["occi.core.title"]!), Is.All.EqualTo(title));
    }

    [Test]
    public async Task A_single_entity_keeps_its_Content_Length_whatever_its_size()
    {
        var title = new string('t', 60_000);
        var compute = await CreateComputeAsync($"X-OCCI-Attribute: occi.core.title=\"{title}\"");

        using var response = await ListAsync("application/occi+json", compute);
        var sentLength = response.Content.Headers.ContentLength;
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sentLength, Is.EqualTo(bytes.Length));
        Assert.That((string)JsonNode.Parse(bytes)!["attributes"]!["occi.core.title"]!, Is.EqualTo(title));
    }
}
