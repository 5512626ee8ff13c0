using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Astakos' token API as identity-api-guide ("Tokens API Operations") publishes it: POST /identity/v2.0/tokens with
/// {"auth": {"token": {"id": …}, "tenantName": …}} or {"auth": {"passwordCredentials": {"username": uuid, "password":
/// token}}}, answered 200 with "access" (token with expires and tenant, serviceCatalog, user with roles); 400 for a
/// body it cannot read or a tenantName not the user's, 401 for an invalid token; no body at all is the public mode
/// (the catalog alone). GET /identity/v2.0/tokens/{token} ("Validate token") answers 404 for an unknown or expired one.
/// </summary>
internal static class AstakosIdentity
{
    public static void Map(IEndpointRouteBuilder app, SimulatedCloud cloud, Func<Catalog> catalog)
    {
        // identity-api-guide, "Authenticate".
        app.MapPost(SynnefoSimulator.IdentityPath + "/tokens", async (HttpRequest request) =>
        {
            if (request.ContentLength is null or 0) return Results.Json(new { access = new { serviceCatalog = ServiceCatalog(catalog()) } });
            JsonElement auth;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (!body.RootElement.TryGetProperty("auth", out var found) || found.ValueKind != JsonValueKind.Object)
                    return Faults.BadRequest("Missing auth in the request body");
                auth = found.Clone();
            }
            catch (JsonException)
            {
                return Faults.BadRequest("Invalid request format: the body is not JSON");
            }
            var token = auth.TryGetProperty("token", out var t) && t.TryGetProperty("id", out var id) ? id.GetString()
                : auth.TryGetProperty("passwordCredentials", out var p) && p.TryGetProperty("password", out var pw) ? pw.GetString()
                : null;
            if (token is null) return Faults.BadRequest("Missing token or passwordCredentials");
            if (cloud.Holder(token) is not { } holder) return Faults.Unauthorized("Invalid token");
            if (auth.TryGetProperty("tenantName", out var tenant) && tenant.GetString() is { } named && named != holder.UserId)
                return Faults.Unauthorized("tenantName does not comply with the provided token");
            return Results.Json(new
            {
                access = new
                {
                    token = new { expires = Date(holder.Expires), id = token, tenant = new { id = holder.UserId, name = holder.UserName } },
                    serviceCatalog = ServiceCatalog(catalog()),
                    user = new { roles_links = Array.Empty<object>(), id = holder.UserId, roles = new[] { new { id = 1, name = "default" } }, name = holder.UserName },
                },
            });
        });

        // identity-api-guide, "Validate token".
        app.MapGet(SynnefoSimulator.IdentityPath + "/tokens/{token}", (string token) =>
            cloud.Holder(token) is { } holder
                ? Results.Json(new
                {
                    access = new
                    {
                        token = new { expires = Date(holder.Expires), id = token, tenant = new { id = holder.UserId, name = holder.UserName } },
                        user = new { roles_links = Array.Empty<object>(), id = holder.UserId, roles = new[] { new { id = 1, name = "default" } }, name = holder.UserName },
                    },
                })
                : Faults.NotFound("Unknown or expired access token"));
    }

    /// <summary>The serviceCatalog of the "Authenticate" example: one publicURL per service, with versionId and SNF:uiURL.</summary>
    private static object[] ServiceCatalog(Catalog catalog) =>
    [
        Service("identity", "astakos_identity", "v2.0", catalog.Identity, catalog.Root + "/ui"),
        Service("compute", "cyclades_compute", "v2.0", catalog.Compute, catalog.Root + "/ui"),
        Service("image", "cyclades_plankton", "v1.0", catalog.Image, catalog.Root + "/ui"),
        Service("network", "cyclades_network", "v2.0", catalog.Network, catalog.Root + "/ui"),
        Service("volume", "cyclades_volume", "v2.0", catalog.Volume, catalog.Root + "/ui"),
    ];

    private static object Service(string type, string name, string version, string url, string ui) => new Dictionary<string, object>
    {
        ["endpoints_links"] = Array.Empty<object>(),
        ["endpoints"] = new[] { new Dictionary<string, string> { ["SNF:uiURL"] = ui, ["versionId"] = version, ["publicURL"] = url } },
        ["type"] = type,
        ["name"] = name,
    };

    /// <summary>The guide's date form: 2013-06-19T15:23:59.975572+00:00.</summary>
    private static string Date(DateTimeOffset when) => when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
