using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Cyclades/Compute as compute-api-guide publishes it, the calls the gateway makes: List Servers (plain and detail),
/// Create Server, Get Server Details, Rename Server, Delete Server, Server Actions (start, shutdown, reboot), List
/// Flavors (plain and detail) and Get Flavor Details. Every request needs X-Auth-Token (401 "Missing or expired user
/// token"); a server of another user is not found (404).
/// </summary>
internal static class CycladesCompute
{
    /// <summary>compute-api-guide, "Personality": contents must not exceed 10240 bytes.</summary>
    private const int MaxPersonalityBytes = 10240;

    public static void Map(RouteGroupBuilder compute, SimulatedCloud cloud)
    {
        // compute-api-guide, "General API Information" → "Authentication"; every operation's 401 and 503 rows.
        compute.AddEndpointFilter(async (context, next) =>
        {
            cloud.CountCycladesRequest();
            if (cloud.CycladesUnavailable) return Faults.ServiceUnavailable("The server is not currently available");
            if (cloud.Holder(context.HttpContext.Request.Headers["X-Auth-Token"].ToString()) is null) return Faults.Unauthorized("Missing or expired user token");
            return await next(context);
        });

        // "List Servers": /servers gives id, name and links; /servers/detail every attribute. Deleted servers stay listed (status DELETED).
        // changes-since (an ISO8601 date; "Efficient Polling with the Changes-Since Parameter"): only the servers updated
        // since then, deleted ones too; 304 when none; 400 "Invalid or malformed changes-since parameter".
        compute.MapGet("/servers", (HttpRequest request) =>
            Changed(cloud, request, s => new { id = s.Id.ToString(CultureInfo.InvariantCulture), name = s.Name, links = Links(request, s) }));
        compute.MapGet("/servers/detail", (HttpRequest request) => Changed(cloud, request, s => Detail(cloud, request, s)));

        // "Create Server": 200 with the new server (status BUILD, adminPass once); 404 "Image or Flavor not found";
        // 413 "Exceeded some resource limit"; 400 "Malformed request data".
        compute.MapPost("/servers", async (HttpRequest request) =>
        {
            var user = UserOf(cloud, request);
            JsonElement server;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (!body.RootElement.TryGetProperty("server", out var found) || found.ValueKind != JsonValueKind.Object) return Faults.BadRequest("Malformed request data: no server");
                server = found.Clone();
            }
            catch (JsonException)
            {
                return Faults.BadRequest("Malformed request data");
            }
            if (Text(server, "name") is not { } name || Text(server, "imageRef") is not { } imageRef || Id(server, "flavorRef") is not { } flavorRef)
                return Faults.BadRequest("Malformed request data: name, imageRef and flavorRef are required");
            if (!cloud.Images.TryGetValue(imageRef, out var image) || image.Status != "available") return Faults.NotFound($"Image {imageRef} not found");
            if (!cloud.Flavors.TryGetValue(flavorRef, out var flavor)) return Faults.NotFound($"Flavor {flavorRef} not found");
            var userData = Text(server, "user_data");
            if (userData is not null && !IsBase64(userData, int.MaxValue)) return Faults.BadRequest("Malformed request data: user_data must be base64 encoded");
            var personality = new List<(string, string, int?)>();
            if (server.TryGetProperty("personality", out var files))
                foreach (var file in files.EnumerateArray())
                {
                    if (Text(file, "path") is not { } path || Text(file, "contents") is not { } contents) return Faults.BadRequest("Malformed personality: path and contents are required");
                    if (!IsBase64(contents, MaxPersonalityBytes)) return Faults.BadRequest($"Malformed personality: contents must be base64 and at most {MaxPersonalityBytes} bytes");
                    int? mode = file.TryGetProperty("mode", out var m) ? m.ValueKind == JsonValueKind.Number ? m.GetInt32() : -1 : null;
                    if (mode == -1) return Faults.BadRequest("Malformed personality: the file mode should be a number, not a string");
                    personality.Add((path, contents, mode));
                }
            // Astakos' cyclades.vm quota, enforced by Cyclades at create.
            if (cloud.LiveServersOf(user).Count() >= cloud.ServerLimit)
                return Faults.OverLimit($"Resource Limit Exceeded for your account. Limit for resource 'cyclades.vm' was {cloud.ServerLimit}");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            // "In Cyclades, the OS and USERS metadata are automatically retrieved from the servers image during creation."
            if (image.Properties.TryGetValue("os", out var os)) metadata["OS"] = os;
            if (image.Properties.TryGetValue("users", out var users)) metadata["USERS"] = users;
            if (server.TryGetProperty("metadata", out var given) && given.ValueKind == JsonValueKind.Object)
                foreach (var pair in given.EnumerateObject()) metadata[pair.Name] = pair.Value.GetString() ?? "";
            var made = new SimulatedServer
            {
                Id = cloud.NewServerId(), UserId = user, Name = name, ImageId = imageRef, FlavorId = flavorRef, Metadata = metadata,
                UserData = userData, Personality = personality,
            };
            cloud.Servers[made.Id] = made;
            // The example answer: the id a number, status BUILD, progress 0, adminPass shown this once.
            return Results.Json(new
            {
                server = new
                {
                    name = made.Name, id = made.Id, status = made.Status, created = Date(made.Created), updated = Date(made.Updated),
                    adminPass = "fKCqlZe2at", progress = 0, metadata = made.Metadata,
                },
            });
        });

        // "Get Server Details": a server that was building is built by the time it is asked about again.
        compute.MapGet("/servers/{id}", (string id, HttpRequest request) =>
        {
            cloud.CountServerRead();
            if (Find(cloud, request, id) is not { } server) return Faults.NotFound("Server not found");
            if (server.Status is "BUILD" or "REBOOT")
            {
                server.Status = "ACTIVE";
                server.Updated = DateTimeOffset.UtcNow;
            }
            return Results.Json(new { server = Detail(cloud, request, server) });
        });

        // "Rename Server": only the name; 204 with no body.
        compute.MapPut("/servers/{id}", async (string id, HttpRequest request) =>
        {
            if (Find(cloud, request, id) is not { } server) return Faults.NotFound("Server not found");
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (!body.RootElement.TryGetProperty("server", out var s) || Text(s, "name") is not { } name) return Faults.BadRequest("Malformed request");
                server.Name = name;
                server.Updated = DateTimeOffset.UtcNow;
            }
            catch (JsonException)
            {
                return Faults.BadRequest("Malformed request");
            }
            return Results.NoContent();
        });

        // "Delete Server": 204; a deleted server stays listed as DELETED; deleting it again is 400 "machine already deleted".
        compute.MapDelete("/servers/{id}", (string id, HttpRequest request) =>
        {
            if (Find(cloud, request, id) is not { } server) return Faults.NotFound("Server not found");
            if (server.Status == "DELETED") return Faults.BadRequest("Malformed server id or machine already deleted");
            if (server.Status == "BUILD") return Faults.BuildInProgress("Server is not ready yet");
            server.Status = "DELETED";
            server.Updated = DateTimeOffset.UtcNow;
            return Results.NoContent();
        });

        // "Server Actions": start (STOPPED → ACTIVE), shutdown (ACTIVE → STOPPED), reboot SOFT or HARD (ACTIVE → REBOOT → ACTIVE); 202.
        compute.MapPost("/servers/{id}/action", async (string id, HttpRequest request) =>
        {
            if (Find(cloud, request, id) is not { } server) return Faults.NotFound("Server not found");
            string action;
            JsonElement argument;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (body.RootElement.ValueKind != JsonValueKind.Object || body.RootElement.EnumerateObject().ToArray() is not [var only])
                    return Faults.BadRequest("Invalid request or unknown action");
                (action, argument) = (only.Name, only.Value.Clone());
            }
            catch (JsonException)
            {
                return Faults.BadRequest("Invalid request or unknown action");
            }
            switch (action)
            {
                case "start" when server.Status == "STOPPED":
                    server.Status = "ACTIVE";
                    break;
                case "shutdown" when server.Status == "ACTIVE":
                    server.Status = "STOPPED";
                    break;
                case "reboot" when server.Status == "ACTIVE" && Text(argument, "type") is "SOFT" or "HARD":
                    server.Status = "REBOOT";
                    action += " " + Text(argument, "type");
                    break;
                case "start" or "shutdown" or "reboot":
                    return Faults.BadRequest($"Invalid request: cannot {action} a server that is {server.Status}");
                default:
                    return Faults.BadRequest("Invalid request or unknown action");
            }
            server.Actions.Add(action);
            server.Updated = DateTimeOffset.UtcNow;
            return Results.Accepted();
        });

        // "List Flavors" (id and name) and its detail (ram MiB, disk GiB, vcpus, SNF:disk_template, access).
        compute.MapGet("/flavors", (HttpRequest request) =>
            Results.Json(new { flavors = cloud.Flavors.Values.OrderBy(f => f.Id).Select(f => new { id = f.Id, name = f.Name, links = FlavorLinks(request, f) }) }));
        compute.MapGet("/flavors/detail", (HttpRequest request) =>
            Results.Json(new { flavors = cloud.Flavors.Values.OrderBy(f => f.Id).Select(f => Flavor(request, f)) }));
        // "Get Flavor Details".
        compute.MapGet("/flavors/{id}", (string id, HttpRequest request) =>
            int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && cloud.Flavors.TryGetValue(n, out var flavor)
                ? Results.Json(new { flavor = Flavor(request, flavor) })
                : Faults.NotFound("Flavor id not found"));
    }

    private static IResult Changed<T>(SimulatedCloud cloud, HttpRequest request, Func<SimulatedServer, T> render)
    {
        var servers = Mine(cloud, request);
        if (request.Query.TryGetValue("changes-since", out var given))
        {
            if (!DateTimeOffset.TryParse(given.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                return Faults.BadRequest("Invalid or malformed changes-since parameter");
            servers = servers.Where(s => s.Updated >= since);
            if (!servers.Any()) return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        cloud.CountServerListing();
        return Results.Json(new { servers = servers.Select(render) });
    }

    private static string UserOf(SimulatedCloud cloud, HttpRequest request) => cloud.Holder(request.Headers["X-Auth-Token"].ToString())!.UserId;

    private static IEnumerable<SimulatedServer> Mine(SimulatedCloud cloud, HttpRequest request)
    {
        var user = UserOf(cloud, request);
        return cloud.Servers.Values.Where(s => s.UserId == user).OrderBy(s => s.Id);
    }

    private static SimulatedServer? Find(SimulatedCloud cloud, HttpRequest request, string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && cloud.Servers.TryGetValue(n, out var server) && server.UserId == UserOf(cloud, request)
            ? server : null;

    /// <summary>"Get Server Details"' example, every attribute of the "Server Attributes" index.</summary>
    private static Dictionary<string, object?> Detail(SimulatedCloud cloud, HttpRequest request, SimulatedServer s) => new()
    {
        ["addresses"] = new Dictionary<string, object>(),
        ["attachments"] = Array.Empty<object>(),
        ["links"] = Links(request, s),
        ["image"] = new { id = s.ImageId, links = Array.Empty<object>() },
        ["suspended"] = false,
        ["flavor"] = new { id = s.FlavorId, links = Array.Empty<object>() },
        ["id"] = s.Id.ToString(CultureInfo.InvariantCulture),
        ["security_groups"] = new[] { new { name = "default" } },
        ["user_id"] = s.UserId,
        ["accessIPv4"] = "",
        ["accessIPv6"] = "",
        ["progress"] = s.Status == "BUILD" ? 0 : 100,
        ["config_drive"] = "",
        ["status"] = s.Status,
        ["updated"] = Date(s.Updated),
        ["hostId"] = "",
        ["SNF:fqdn"] = $"snf-{s.Id}.vm.example.org",
        ["key_name"] = null,
        ["SNF:key_names"] = Array.Empty<string>(),
        ["name"] = s.Name,
        ["created"] = Date(s.Created),
        ["tenant_id"] = s.UserId,
        ["SNF:port_forwarding"] = new Dictionary<string, object>(),
        ["SNF:task_state"] = "",
        ["diagnostics"] = Array.Empty<object>(),
        ["metadata"] = s.Metadata,
    };

    private static object Flavor(HttpRequest request, SimulatedFlavor f) => new Dictionary<string, object>
    {
        ["id"] = f.Id,
        ["name"] = f.Name,
        ["ram"] = f.Ram,
        ["SNF:disk_template"] = f.DiskTemplate,
        ["disk"] = f.Disk,
        ["vcpus"] = f.Vcpus,
        ["os-flavor-access:is_public"] = true,
        ["SNF:flavor-access"] = Array.Empty<string>(),
        ["links"] = FlavorLinks(request, f),
    };

    private static object[] Links(HttpRequest request, SimulatedServer s) => SelfAndBookmark($"{Base(request)}/servers/{s.Id}");

    private static object[] FlavorLinks(HttpRequest request, SimulatedFlavor f) => SelfAndBookmark($"{Base(request)}/flavors/{f.Id}");

    private static object[] SelfAndBookmark(string href) => [new { href, rel = "self" }, new { href, rel = "bookmark" }];

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{SynnefoSimulator.ComputePath}";

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>imageRef and flavorRef "should refer to existing images and hardware flavors": a flavor id is a number, sent either way.</summary>
    private static int? Id(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.Number ? value.TryGetInt32(out var n)
            : int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n)) ? n : null;

    private static bool IsBase64(string text, int maxBytes)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written <= maxBytes;
    }

    private static string Date(DateTimeOffset when) => when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
