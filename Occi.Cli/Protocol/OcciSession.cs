using Occi.Cli.Connection;
using Occi.Core.Model;

namespace Occi.Cli.Protocol;

/// <summary>
/// One run's conversation with an OCCI server: requests in the chosen rendering, answers read by their Content-Type,
/// failures turned into <see cref="OcciFailure"/> with the server's own message. The model is read once, on first need.
/// </summary>
internal sealed class OcciSession(HttpClient http, Uri endpoint, WireFormat format) : IDisposable
{
    private ServerModel? _model;

    /// <summary>The server's base URL, ending in '/' so the query interface is "-/" below it.</summary>
    public Uri Endpoint { get; } = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");

    public WireFormat Format => format;

    /// <summary>GFD.185 §3.4.6 / GFD.183: the query interface at /-/ lists every kind, mixin and action with its location.</summary>
    public async Task<ServerModel> ModelAsync(CancellationToken cancel)
    {
        if (_model is not null) return _model;
        var answer = await SendAsync(HttpMethod.Get, new Uri(Endpoint, "-/"), null, format.IsJson ? WireFormat.Json : format.MediaType, cancel);
        var read = answer.Read(ServerModel.BuiltIn);
        return _model = new ServerModel(read.Definitions ?? [], Endpoint);
    }

    /// <summary>A location as given: absolute, a path below the server, or (no leading '/') relative to the endpoint.</summary>
    public Uri Resolve(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : new Uri(Endpoint, location);

    public async Task<OcciAnswer> SendAsync(HttpMethod method, Uri target, RequestBody? body, string accept, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, target);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            foreach (var (name, value) in body.Headers) request.Headers.TryAddWithoutValidation(name, value);
        }
        OcciAnswer answer;
        try
        {
            using var response = await http.SendAsync(request, cancel);
            answer = await OcciAnswer.ReadAsync(response, target, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new OcciFailure(ExitCode.Unreachable, $"{target.GetLeftPart(UriPartial.Authority)} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new OcciFailure(ExitCode.Timeout, $"{method} {target} had no answer within {http.Timeout.TotalSeconds:0} s", e);
        }
        if (!answer.IsSuccess)
            throw new OcciFailure(OcciFailure.FromStatus(answer.Status), $"{method} {target.AbsolutePath} → {answer.Status}: {answer.ErrorMessage()}");
        return answer;
    }

    /// <summary>GET one entity; its location is the one asked when the rendering carries none.</summary>
    public async Task<Entity> GetEntityAsync(Uri location, CancellationToken cancel)
    {
        var model = await ModelAsync(cancel);
        var answer = await SendAsync(HttpMethod.Get, location, null, format.IsJson ? WireFormat.Json : format.MediaType, cancel);
        var entity = answer.Read(model.Snapshot).Entities.FirstOrDefault()
            ?? throw new OcciFailure(ExitCode.ServerError, $"the answer to GET {location.AbsolutePath} describes no entity");
        entity.Location ??= location.AbsolutePath;
        return entity;
    }

    /// <summary>
    /// The locations a collection (a kind's or a mixin's) holds, absolute, whatever rendering they came in. A JSON
    /// collection may carry other entities beside those of <paramref name="kind"/> (rOCCI-server 1.x lists a compute's
    /// links with it): only the kind's are taken.
    /// </summary>
    public async Task<List<Uri>> ListAsync(Uri collection, Kind? kind, CancellationToken cancel)
    {
        var model = await ModelAsync(cancel);
        var read = (await SendAsync(HttpMethod.Get, collection, null, format.Accept, cancel)).Read(model.Snapshot);
        // A collection is either locations (text, uri-list) or entities (JSON); the locations beside entities are their links'.
        if (read.Entities.Count == 0) return read.Locations.Select(Resolve).Distinct().ToList();
        var locations = new List<Uri>();
        foreach (var e in read.Entities)
            if ((e.Location is not null || e.Id.Length > 0) && (kind is null || model.IsOfKind(e, kind))) locations.Add(model.LocationOf(e, collection));
        return locations.Distinct().ToList();
    }

    public void Dispose() => http.Dispose();

    public static OcciSession Open(ConnectionSettings settings, WireFormat format) =>
        new(HttpClientFactory.Create(settings, format.UserAgent), settings.Endpoint, format);
}
