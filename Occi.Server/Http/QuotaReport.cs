using System.Globalization;
using System.Text;
using System.Text.Json;
using Occi.Core.BackendContracts;
using Occi.Rendering;
using Occi.Server.Entities;
using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// GET /-/quota (issue 14): the caller's tenant, its limits (Occi:Quotas) and what its entities use. JSON for a
/// JSON Accept: <c>{"tenant":…,"quota":{"instances":{"limit":3,"used":1},…}}</c> (limit null: none); otherwise
/// one <c>X-OCCI-Attribute: occi.quota.&lt;name&gt;.limit|used=…</c> line each (headers for text/occi). When the backend's
/// cloud keeps quotas of its own (<see cref="ICloudQuotas"/>, Synnefo's Astakos), each row it has also says the caller's
/// limit and use there: <c>"cloud":{"limit":…,"used":…}</c>, or <c>occi.quota.&lt;name&gt;.cloud.limit|used=…</c>.
/// </summary>
internal sealed class QuotaReport(TenantQuotas quotas, IEnumerable<ICloudQuotas> clouds)
{
    public const string Location = "/-/quota";
    public const string Allowed = "GET, HEAD";

    public static bool Names(PathString path) => path.Equals(Location, StringComparison.Ordinal);

    public async Task WriteAsync(HttpContext http, Caller caller, IOcciRendering output)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            throw new MethodNotAllowedException($"{http.Request.Method} is not allowed on {Location}; allowed: {Allowed}", Allowed);
        var (limits, used) = await quotas.ReportAsync(caller.Tenant, http.RequestAborted);
        var cloud = new Dictionary<string, CloudQuota>(StringComparer.Ordinal);
        foreach (var source in clouds)
            foreach (var quota in await source.ForAsync(caller, http.RequestAborted))
                cloud.TryAdd(quota.Name, quota);
        var rows = new (string Name, double? Limit, double Used)[]
        {
            ("instances", QuotaLimits.Limit(limits.Instances), used.Instances),
            ("cores", QuotaLimits.Limit(limits.Cores), used.Cores),
            ("memory_gib", QuotaLimits.Limit(limits.MemoryGiB), used.MemoryGiB),
            ("storage_gib", QuotaLimits.Limit(limits.StorageGiB), used.StorageGiB),
            ("networks", QuotaLimits.Limit(limits.Networks), used.Networks),
            ("public_ips", QuotaLimits.Limit(limits.PublicIps), used.PublicIps),
        };
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.CacheControl = "no-store";
        if (output.MediaType.Contains("json", StringComparison.Ordinal))
        {
            response.ContentType = output.MediaType;
            using var body = new MemoryStream();
            using (var json = new Utf8JsonWriter(body))
            {
                json.WriteStartObject();
                json.WriteString("tenant", caller.Tenant);
                json.WriteStartObject("quota");
                foreach (var (name, limit, inUse) in rows)
                {
                    json.WriteStartObject(name);
                    if (limit is { } l) json.WriteNumber("limit", l); else json.WriteNull("limit");
                    json.WriteNumber("used", inUse);
                    if (cloud.TryGetValue(name, out var own))
                    {
                        json.WriteStartObject("cloud");
                        if (own.Limit is { } ol) json.WriteNumber("limit", ol); else json.WriteNull("limit");
                        json.WriteNumber("used", own.Used);
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            await WriteAsync(response, body.ToArray());
            return;
        }
        var lines = rows.SelectMany(r => new[]
        {
            $"occi.quota.{r.Name}.used={Number(r.Used)}",
            r.Limit is { } l ? $"occi.quota.{r.Name}.limit={Number(l)}" : null,
            cloud.TryGetValue(r.Name, out var own) ? $"occi.quota.{r.Name}.cloud.used={Number(own.Used)}" : null,
            own?.Limit is { } ol ? $"occi.quota.{r.Name}.cloud.limit={Number(ol)}" : null,
        }).OfType<string>().Prepend($"occi.quota.tenant=\"{caller.Tenant}\"").ToArray();
        if (output.MediaType == "text/occi")
        {
            response.ContentType = "text/occi; charset=utf-8";
            foreach (var line in lines) response.Headers.Append("X-OCCI-Attribute", line);
            await WriteAsync(response, "OK\n"u8.ToArray());
            return;
        }
        response.ContentType = "text/plain; charset=utf-8";
        await WriteAsync(response, Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => "X-OCCI-Attribute: " + l + "\n"))));
    }

    private static async Task WriteAsync(HttpResponse response, byte[] body)
    {
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method)) await response.Body.WriteAsync(body);
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
