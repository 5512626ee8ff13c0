using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Occi.Backends.Synnefo.Tests.Simulator.CycladesRequests;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// The Cyclades block storage in the simulator, strictly as published: volumes as docs/blockstorage-api-guide.rst
/// ("Cyclades/Block Storage API", OpenStack Block Storage v2 with display_name, display_description and no extend
/// action) and the volume attachments of a server as docs/compute-api-extensions-guide.rst ("Volume attachments":
/// the attachment's id is the volume's, its device unused, the ids written as numbers). Every call needs X-Auth-Token
/// (401 otherwise); a user sees only their own volumes. A new volume is CREATING and AVAILABLE once read again
/// (Archipelago makes it in the background); the guide lists no status for an attached volume, so it stays AVAILABLE
/// and its attachments say where it is attached.
/// </summary>
internal sealed class CycladesBlockStorage(SimulatedCloud cloud)
{
    private readonly SimulatedVolumes _state = cloud.Volumes;
    private readonly SimulatedQuotas _quotas = cloud.Quotas;

    /// <summary>Maps the volume handlers on the group of the catalog's volume endpoint and the attachments on Cyclades/Compute's group (whose filter checks the token).</summary>
    public static void Map(RouteGroupBuilder volume, RouteGroupBuilder compute, SimulatedCloud cloud) => new CycladesBlockStorage(cloud).MapAll(volume, compute);

    private void MapAll(RouteGroupBuilder routes, RouteGroupBuilder compute)
    {
        // blockstorage-api-guide, "Authentication": X-Auth-Token on every request, 401 "Missing or expired user token".
        RequireUser(routes, cloud, cloud.VolumeService);
        routes.MapGet("/volumes", (HttpRequest r) => List(r, detail: false));
        routes.MapGet("/volumes/detail", (HttpRequest r) => List(r, detail: true));
        routes.MapGet("/volumes/{id}", Show);
        routes.MapPost("/volumes", CreateAsync);
        routes.MapDelete("/volumes/{id}", Delete);
        routes.MapPost("/snapshots", SnapshotAsync);
        compute.MapGet("/servers/{server}/os-volume_attachments", ListAttachments);
        compute.MapPost("/servers/{server}/os-volume_attachments", AttachAsync);
        compute.MapGet("/servers/{server}/os-volume_attachments/{id}", ShowAttachment);
        compute.MapDelete("/servers/{server}/os-volume_attachments/{id}", Detach);
    }

    // "List Volumes": /volumes gives id, display_name and links; /volumes/detail every attribute.
    private IResult List(HttpRequest request, bool detail)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return Results.Json(new JsonObject
            {
                ["volumes"] = new JsonArray([.. _state.Volumes.Values.Where(v => v.Owner == user).Select(v => detail ? Render(Settled(v)) : Brief(v))]),
            });
    }

    // "Get Volume Details": 200 {"volume": {...}}, 404 Volume not found.
    private IResult Show(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return _state.Volumes.TryGetValue(id, out var v) && v.Owner == user ? Results.Json(new JsonObject { ["volume"] = Render(Settled(v)) }) : Faults.NotFound("Volume not found");
    }

    // "Create Volume": size (GB) and display_name required (400 Malformed request data); server_id, when given, must be
    // a server of the user (404); display_description, metadata and volume_type kept; over the cyclades.disk quota 413
    // overLimit. 202 with the volume, CREATING.
    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "volume") is not { } body) return Faults.BadRequest("Malformed request data");
        if (body["size"] is not JsonValue sizeValue || !sizeValue.TryGetValue<long>(out var size) || size <= 0)
            return Faults.BadRequest("Malformed request data: size must be a positive integer");
        if (String(body, "display_name") is not { } name) return Faults.BadRequest("Malformed request data: display_name is required");
        var server = String(body, "server_id");
        if (server is not null && !cloud.OwnsServer(user, server)) return Faults.NotFound("Server not found");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["metadata"] is JsonObject given)
            foreach (var (key, value) in given)
                if (value is JsonValue v && v.TryGetValue<string>(out var s)) metadata[key] = s;
        var type = body["volume_type"]?.ToString();
        if (_quotas.Exceeds(user, "cyclades.disk", size * (1L << 30)) is { } over) return Faults.OverLimit(over);
        lock (_state.Gate)
        {
            var volume = new SimVolume(_state.NextId(), user, size, name, String(body, "display_description"), metadata, type) { ServerId = server };
            _state.Volumes[volume.Id] = volume;
            return Results.Json(new JsonObject { ["volume"] = Render(volume) }, statusCode: 202);
        }
    }

    // "Delete Volume": 202; 404 Volume not found; 409 while it is not ready yet (CREATING). The guide names no answer for
    // an attached volume; the simulator refuses it with the same 409 (detach it first).
    private IResult Delete(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
        {
            if (!_state.Volumes.TryGetValue(id, out var v) || v.Owner != user) return Faults.NotFound("Volume not found");
            if (v.Status == "CREATING" || v.ServerId is not null) return Faults.Conflict("Volume is not ready yet");
            _state.Volumes.Remove(id);
            return Results.StatusCode(202);
        }
    }

    // "Create Snapshot": volume_id required (400 Malformed request data), the volume must be the user's (404), display_name
    // and display_description kept, force not accepted; 202 with the snapshot, CREATING (Cyclades keeps it as an image).
    private async Task<IResult> SnapshotAsync(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "snapshot") is not { } body || String(body, "volume_id") is not { } volumeId) return Faults.BadRequest("Malformed request data: volume_id is required");
        if (body.ContainsKey("force")) return Faults.BadRequest("Malformed request data: force is not supported");
        lock (_state.Gate)
        {
            if (!_state.Volumes.TryGetValue(volumeId, out var v) || v.Owner != user) return Faults.NotFound("Volume not found");
            var snapshot = new SimSnapshot(_state.NextId(), volumeId, user, String(body, "display_name") ?? "", String(body, "display_description"), v.Size);
            _state.Snapshots[snapshot.Id] = snapshot;
            return Results.Json(new JsonObject
            {
                ["snapshot"] = new JsonObject
                {
                    ["id"] = snapshot.Id, ["display_name"] = snapshot.Name, ["links"] = new JsonArray(), ["status"] = "CREATING", ["size"] = snapshot.Size,
                    ["display_description"] = snapshot.Description, ["created_at"] = v.Created, ["metadata"] = new JsonObject(), ["volume_id"] = volumeId,
                    ["os-extended-snapshot-attribute:progress"] = "0%",
                },
            }, statusCode: 202);
        }
    }

    // Attachments "List": 200 {"volumeAttachments": [...]}.
    private IResult ListAttachments(HttpRequest request, string server)
    {
        var user = UserOf(cloud, request)!;
        if (!cloud.OwnsServer(user, server)) return Faults.NotFound("Server not found");
        lock (_state.Gate)
            return Results.Json(new JsonObject
            {
                ["volumeAttachments"] = new JsonArray([.. _state.Volumes.Values.Where(v => v.Owner == user && v.ServerId == server).Select(Attachment)]),
            });
    }

    // Attachments "Attach": body {"volumeAttachment": {"volumeId": …}}; 404 Server or Volume not found; 200 with the
    // attachment. A volume that is not available (still CREATING, or attached) is malformed request data (400): the
    // guide names no other code.
    private async Task<IResult> AttachAsync(HttpRequest request, string server)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "volumeAttachment") is not { } body || body["volumeId"]?.ToString() is not { Length: > 0 } volumeId)
            return Faults.BadRequest("Malformed request data");
        if (!cloud.OwnsServer(user, server)) return Faults.NotFound("Server not found");
        lock (_state.Gate)
        {
            if (!_state.Volumes.TryGetValue(volumeId, out var v) || v.Owner != user) return Faults.NotFound("Volume not found");
            if (v.Status != "AVAILABLE" || v.ServerId is not null) return Faults.BadRequest($"Volume {volumeId} is not available to attach (status {v.Status})");
            v.ServerId = server;
            return Results.Json(new JsonObject { ["volumeAttachment"] = Attachment(v) });
        }
    }

    // Attachments "Show": the attachment whose id (the volume's) is given, on that server.
    private IResult ShowAttachment(HttpRequest request, string server, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return _state.Volumes.TryGetValue(id, out var v) && v.Owner == user && v.ServerId == server
                ? Results.Json(new JsonObject { ["volumeAttachment"] = Attachment(v) })
                : Faults.NotFound("Server or Volume not found");
    }

    // Attachments "Detach": 200; 404 when the volume is not attached to that server.
    private IResult Detach(HttpRequest request, string server, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
        {
            if (!_state.Volumes.TryGetValue(id, out var v) || v.Owner != user || v.ServerId != server) return Faults.NotFound("Server or Volume not found");
            v.ServerId = null;
            return Results.Ok();
        }
    }

    private SimVolume Settled(SimVolume volume)
    {
        if (volume.Status == "CREATING" && !_state.HoldCreating) volume.Status = "AVAILABLE";
        return volume;
    }

    private static JsonObject Brief(SimVolume v) => new() { ["id"] = v.Id, ["display_name"] = v.Name, ["links"] = new JsonArray() };

    // "Volume Attributes"; an attachment as OpenStack Block Storage v2 lists it (server_id, volume_id).
    private static JsonObject Render(SimVolume v) => new()
    {
        ["id"] = v.Id,
        ["display_name"] = v.Name,
        ["links"] = new JsonArray(),
        ["status"] = v.Status,
        ["size"] = v.Size,
        ["display_description"] = v.Description,
        ["created_at"] = v.Created,
        ["metadata"] = new JsonObject([.. v.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]),
        ["snapshot_id"] = null,
        ["source_volid"] = null,
        ["image_id"] = null,
        ["attachments"] = v.ServerId is { } server
            ? new JsonArray(new JsonObject { ["server_id"] = server, ["volume_id"] = v.Id, ["id"] = v.Id, ["device"] = "" })
            : new JsonArray(),
        ["volume_type"] = v.VolumeType,
        ["delete_on_termination"] = false,
        ["project"] = v.Owner,
    };

    // "Volume Attachment Attributes": id and volumeId are the volume's, serverId the server's, device unused; numbers as in the examples.
    private static JsonObject Attachment(SimVolume v) => new()
    {
        ["device"] = "",
        ["serverId"] = IdAsNumber(v.ServerId!),
        ["id"] = IdAsNumber(v.Id),
        ["volumeId"] = IdAsNumber(v.Id),
    };
}
