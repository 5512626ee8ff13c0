using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Cyclades/Image ("Plankton") as image-api-guide publishes it, the calls the gateway makes: "List Available Images"
/// (id, name, status, formats, size) and "List Available Images in Detail" (plus location, checksum, dates, is_public,
/// owner, properties), each a bare JSON array of the images the user may use; 401 "Missing or expired user token".
/// </summary>
internal static class PlanktonImages
{
    public static void Map(RouteGroupBuilder image, SimulatedCloud cloud)
    {
        image.AddEndpointFilter(async (context, next) =>
            cloud.Holder(context.HttpContext.Request.Headers["X-Auth-Token"].ToString()) is null
                ? Faults.Unauthorized("Missing or expired user token")
                : await next(context));

        image.MapGet("/images", () => Results.Json(cloud.Images.Values.OrderBy(i => i.Name).Select(i => new
        {
            status = i.Status, name = i.Name, disk_format = "diskdump", container_format = "bare", id = i.Id, size = 2622562304L,
        })));

        image.MapGet("/images/detail", () => Results.Json(cloud.Images.Values.OrderBy(i => i.Name).Select(i => new Dictionary<string, object>
        {
            ["status"] = i.Status,
            ["location"] = $"pithos://{SimulatedCloud.UserId}/images/{i.Name}.diskdump",
            ["name"] = i.Name,
            ["disk_format"] = "diskdump",
            ["container_format"] = "bare",
            ["created_at"] = "2013-03-29 14:14:34",
            ["deleted_at"] = "",
            ["id"] = i.Id,
            ["size"] = 2622562304L,
            ["is_public"] = "True",
            ["checksum"] = "a387aaaae583bc65daacf12d6be502bd7cfbbb254dcd452f92ca31f4c06a9208",
            ["owner"] = SimulatedCloud.UserId,
            ["properties"] = i.Properties,
        })));
    }
}
