using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.OpenStack.Templates;
using Occi.Core;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// The Glance v2 calls that register an appliance (glance api-ref, images-images-v2 and images-data): create the image
/// record with its formats and properties, upload its bytes, patch its properties in place, delete it.
/// </summary>
internal sealed class GlanceRegistrations(OpenStackHttp http)
{
    private static readonly MediaTypeHeaderValue Octets = new("application/octet-stream");
    private static readonly MediaTypeHeaderValue JsonPatch = new("application/openstack-images-v2.1-json-patch");

    /// <summary>POST /v2/images: a queued image with its properties (Glance takes extra properties as top-level members); its id.</summary>
    public async Task<string> CreateAsync(ICredential credential, string name, string diskFormat, string visibility, long minRamMiB,
        IReadOnlyDictionary<string, string> properties, CancellationToken ct)
    {
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("disk_format", diskFormat);
            w.WriteString("container_format", "bare");
            w.WriteString("visibility", visibility);
            w.WriteNumber("min_ram", minRamMiB);
            foreach (var (key, value) in properties) w.WriteString(key, value);
            w.WriteEndObject();
        });
        var image = await http.SendAsync(credential, OpenStackService.Image, HttpMethod.Post, "v2/images", GlanceJson.Default.GlanceImage, body, ct);
        return image is { Id.Length: > 0 } ? image.Id : throw new OcciException(OcciErrorKind.BackendFailure, "Glance created an image without telling its id");
    }

    /// <summary>PUT /v2/images/{id}/file: the bytes, streamed from the staged file; Glance makes the image active.</summary>
    public Task UploadAsync(ICredential credential, string id, string file, CancellationToken ct) =>
        http.SendContentAsync(credential, OpenStackService.Image, HttpMethod.Put, $"v2/images/{Uri.EscapeDataString(id)}/file", () =>
        {
            var content = new StreamContent(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true), 1 << 16);
            content.Headers.ContentType = Octets;
            content.Headers.ContentLength = new FileInfo(file).Length;
            return content;
        }, ct);

    /// <summary>
    /// PATCH /v2/images/{id}: name and min_ram replaced, <paramref name="set"/> added (an add replaces a property
    /// that is there), <paramref name="removed"/> removed, in one request.
    /// </summary>
    public Task PatchAsync(ICredential credential, string id, string name, long minRamMiB, IReadOnlyDictionary<string, string> set,
        IEnumerable<string> removed, CancellationToken ct)
    {
        var body = Json(w =>
        {
            w.WriteStartArray();
            Operation(w, "replace", "name", name);
            w.WriteStartObject();
            w.WriteString("op", "replace");
            w.WriteString("path", "/min_ram");
            w.WriteNumber("value", minRamMiB);
            w.WriteEndObject();
            foreach (var (key, value) in set) Operation(w, "add", key, value);
            foreach (var key in removed) Operation(w, "remove", key, null);
            w.WriteEndArray();
        });
        return http.SendContentAsync(credential, OpenStackService.Image, HttpMethod.Patch, "v2/images/" + Uri.EscapeDataString(id), () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonPatch;
            return content;
        }, ct);
    }

    /// <summary>DELETE /v2/images/{id}; an image already gone is deleted.</summary>
    public async Task DeleteAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, OpenStackService.Image, HttpMethod.Delete, "v2/images/" + Uri.EscapeDataString(id), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    /// <summary>One JSON patch operation; the property's name as a JSON pointer (RFC 6901: '~' and '/' escaped).</summary>
    private static void Operation(Utf8JsonWriter w, string op, string property, string? value)
    {
        w.WriteStartObject();
        w.WriteString("op", op);
        w.WriteString("path", "/" + property.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        if (value is not null) w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
