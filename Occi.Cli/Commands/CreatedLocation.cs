using Occi.Cli.Protocol;

namespace Occi.Cli.Commands;

/// <summary>
/// Where a create put the new entity: the Location header (GFD.185 §3.5.1: 201 Created), else the location the
/// body names (X-OCCI-Location, OCCI 1.1 JSON's "Location" list, or the entity rendered with its location).
/// </summary>
internal static class CreatedLocation
{
    public static Uri Of(OcciAnswer answer, OcciSession session, ServerModel model, Uri collection)
    {
        if (answer.Location is { } header) return header;
        var read = answer.Read(model.Snapshot);
        if (read.Locations.Count > 0) return session.Resolve(read.Locations[0]);
        if (read.Entities.FirstOrDefault() is { } e && (e.Location is not null || e.Id.Length > 0)) return model.LocationOf(e, collection);
        throw new OcciFailure(ExitCode.ServerError, $"the server answered the create with {answer.Status} but named no location");
    }
}
