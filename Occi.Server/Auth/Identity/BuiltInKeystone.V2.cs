using System.Text.Json;

namespace Occi.Server.Auth.Identity;

/// <summary>
/// The Identity API v2.0 part rOCCI-cli 4.3 tries first when it is offered (its KeystoneV2 handler): <c>POST tokens</c>
/// with <c>{"auth":{"voms":true}}</c> (the X.509 client certificate, through this server's X509 scheme) or
/// <c>{"auth":{"token":{"id":…}}}</c>, optionally with <c>tenantName</c>/<c>tenantId</c> to scope it; <c>GET tenants</c>.
/// </summary>
internal sealed partial class BuiltInKeystone
{
    private async Task V2TokensAsync(HttpContext http)
    {
        bool voms;
        string? presented, tenant;
        if (await ReadBodyAsync(http) is not { } body) return;
        try
        {
            var auth = body.RootElement.GetProperty("auth");
            voms = auth.TryGetProperty("voms", out var v) && v.ValueKind == JsonValueKind.True;
            presented = auth.TryGetProperty("token", out var t) ? t.GetProperty("id").GetString() : null;
            tenant = auth.TryGetProperty("tenantName", out var name) ? name.GetString()
                : auth.TryGetProperty("tenantId", out var id) ? id.GetString() : null;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "expected {\"auth\":{\"voms\":true} or {\"auth\":{\"token\":{\"id\":…}}}, with tenantName to scope it");
            return;
        }
        finally
        {
            body.Dispose();
        }

        IdentityGrant grant;
        if (voms)
        {
            if (await CallerOfAsync(http, AuthSchemeNames.X509) is not { } caller) return;
            grant = tokens.Issue(caller.Name, caller.Tenant, caller.Roles, scoped: false).Grant;
        }
        else if (presented is not null)
        {
            if (tokens.Read(presented, out var problem) is not { } read)
            {
                await RefuseAsync(http, AuthSchemeNames.Keystone, problem!);
                return;
            }
            grant = read;
        }
        else
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "this Keystone takes {\"auth\":{\"voms\":true}} or {\"auth\":{\"token\":{\"id\":…}}}");
            return;
        }
        if (tenant is not null && tenant != grant.Tenant)
        {
            await RefuseAsync(http, AuthSchemeNames.Keystone, "the tenant is not one of the caller's tenants");
            return;
        }
        var (token, issued) = tokens.Issue(grant.Name, grant.Tenant, grant.Roles, scoped: tenant is not null, notAfter: grant.ExpiresAt);
        await WriteAsync(http, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject("access");
            json.WriteStartObject("token");
            json.WriteString("id", token);
            json.WriteString("issued_at", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"));
            json.WriteString("expires", issued.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            if (issued.Scoped)
            {
                json.WritePropertyName("tenant");
                WriteTenant(json, issued.Tenant);
            }
            json.WriteEndObject();
            json.WriteStartObject("user");
            json.WriteString("id", issued.Name);
            json.WriteString("name", issued.Name);
            json.WriteString("username", issued.Name);
            json.WriteStartArray("roles");
            foreach (var role in issued.Roles)
            {
                json.WriteStartObject();
                json.WriteString("name", role);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("serviceCatalog");
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private async Task V2TenantsAsync(HttpContext http)
    {
        if (Grant(http, out var problem) is not { } grant)
        {
            await RefuseAsync(http, AuthSchemeNames.Keystone, problem);
            return;
        }
        await WriteAsync(http, StatusCodes.Status200OK, json =>
        {
            json.WriteStartArray("tenants");
            WriteTenant(json, grant.Tenant);
            json.WriteEndArray();
            json.WriteStartArray("tenants_links");
            json.WriteEndArray();
        });
    }

    private static void WriteTenant(Utf8JsonWriter json, string tenant)
    {
        json.WriteStartObject();
        json.WriteString("id", tenant);
        json.WriteString("name", tenant);
        json.WriteString("description", "");
        json.WriteBoolean("enabled", true);
        json.WriteEndObject();
    }
}
