using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering;
using Occi.Rendering.Json11;
using Occi.Server.Auth;
using Occi.Server.Entities;
using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// The one catch-all endpoint for OCCI paths (DESIGN.md "one request, end to end"): version check,
/// size limits, caller, negotiation, parsing, resolution, the operation, and the rendering of its
/// result — or of the error, as a clear 4xx/5xx with a text that says what was wrong.
/// </summary>
internal sealed class OcciEndpoint(
    RenderingCatalog catalog,
    CategoryRegistry registry,
    QueryInterfaceOperations queryInterface,
    CollectionOperations collections,
    EntityOperations entityOperations,
    NamespaceOperations namespaces,
    QueryInterfaceCache cache,
    IOptions<OcciOptions> options,
    IOptions<JsonDialectOptions> json,
    StreamedResponses streamed,
    CallerAuthenticator authenticator,
    QuotaReport quotaReport,
    ILogger<OcciEndpoint> log)
{
    private static readonly string[] OcciHeaders = ["Category", "Link", "X-OCCI-Attribute", "X-OCCI-Location"];

    /// <summary>Occi:Json:Dialect, read once (validated at start).</summary>
    private readonly JsonDialect _jsonDialect = json.Value.Parsed;

    public async Task HandleAsync(HttpContext http)
    {
        var response = http.Response;
        response.Headers.Server = OcciVersion.ServerHeader;
        var output = catalog.TextPlain;
        try
        {
            if (OcciVersion.Unsupported(http.Request.Headers.UserAgent) is { } version)
                throw new HttpOcciException(501, $"OCCI/{version} is not implemented; this server speaks OCCI/1.1 and the OCCI/1.2 renderings");
            output = Negotiation.ForAccept(http.Request.Headers.Accept, catalog);
            var dialect = JsonDialects.Of(_jsonDialect, http.Request.Headers.UserAgent);
            output = JsonDialects.For(output, dialect, catalog);
            var caller = await authenticator.AuthenticateAsync(http);
            if (QuotaReport.Names(http.Request.Path))
            {
                http.Features.Set(OcciOperation.Quota);
                await quotaReport.WriteAsync(http, caller, output);
                return;
            }
            var call = await ReadCallAsync(http, output, dialect, caller);
            http.Features.Set(OcciOperation.Of(call.Path.Target));
            var result = await ExecuteAsync(call, http.RequestAborted);
            await WriteAsync(http, call, result);
        }
        catch (OcciException e)
        {
            await WriteErrorAsync(http, output, e);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, output, new HttpOcciException(e.StatusCode, e.Message));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception e)
        {
            log.LogError(e, "OCCI request {Method} {Path} failed unexpectedly", http.Request.Method, http.Request.Path);
            await WriteErrorAsync(http, output, new HttpOcciException(500, "the server failed to handle the request; the error is logged"));
        }
    }

    private async ValueTask<OcciCall> ReadCallAsync(HttpContext http, IOcciRendering output, JsonDialect? dialect, Caller caller)
    {
        var request = http.Request;
        var limits = options.Value.Limits;
        var model = registry.Current;
        // Kestrel already removed dot segments from Path; refuse what the client actually sent.
        if (http.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw) PathResolver.CheckRawTarget(raw);
        var path = PathResolver.Resolve(request.Path.Value ?? "/", model);
        // Another tenant's user mixin has no collection here: its location is a path like any other (issue 14).
        if (path.Category is { } named && !Tenancy.Sees(caller, named)) path = PathResolver.WithoutCategories(request.Path.Value ?? "/");
        // Without a query string the query feature is not made (Kestrel would make one per request).
        var query = request.QueryString.HasValue ? request.Query : QueryCollection.Empty;
        QueryParameters.Check(query, path.Target, request.Method);
        // Negotiated again now that the target is known: an answer text/uri-list cannot carry is 406 before the
        // operation runs, not an error after it changed something.
        if (output == catalog.UriList && !Negotiation.AnswersWithLocations(path.Target, request.Method))
            output = JsonDialects.For(Negotiation.ForAccept(request.Headers.Accept, catalog, locationsOnly: false), dialect, catalog);
        var parser = Negotiation.ForContentType(request.ContentType, catalog);
        using var bodyBuffer = await ReadBodyAsync(http, limits.MaxBodyBytes);
        var body = bodyBuffer?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty; // parsed below into strings; the pooled bytes go back afterwards
        var headers = OcciHeadersOf(request.Headers, limits.MaxOcciHeaders);

        // Bodies go to the parser of their Content-Type; OCCI headers (text/occi) are read whatever the
        // Content-Type, so curl users can send Category and X-OCCI-Attribute headers with no body.
        OcciRequest parsed;
        if (body.Length > 0)
        {
            parser ??= catalog.TextPlain;
            if (parser == catalog.Json && JsonDialectSniffer.Sniff(body.Span) is { } shape)
            {
                // Both dialects arrive as application/occi+json: the body's shape tells which one it is, and
                // a client that did not say which it reads is answered in the one it wrote.
                if (shape == JsonDialect.Occi11) parser = catalog.Json11;
                output = JsonDialects.For(output, dialect ?? shape, catalog);
            }
            parsed = parser.Parse(new ParseInput(body, parser == catalog.TextOcci ? headers : []), model);
            if (parser != catalog.TextOcci && headers.Count > 0 && parsed.IsEmpty)
                parsed = catalog.TextOcci.Parse(ParseInput.FromHeaders(headers), model);
        }
        else
        {
            parsed = headers.Count > 0 ? catalog.TextOcci.Parse(ParseInput.FromHeaders(headers), model) : NoMessage;
        }

        AttributeValueBound.Check(parsed, limits.MaxAttributeValueBytes);
        var baseUrl = BaseUrl(http);
        LocationNormalizer.Normalize(parsed, baseUrl, request.Host.Value ?? "");
        var action = query["action"] is { Count: > 0 } a ? a[0] : null;
        if (action is not null && (action.Length == 0 || action.Length > 128))
            throw OcciException.BadRequest("?action= needs the term of an action");
        return new OcciCall(request.Method, path, parsed, output, caller, baseUrl, action, PagingOf(query, limits.MaxPageSize),
            request.Headers["Prefer"].ToString().Contains("return=representation", StringComparison.OrdinalIgnoreCase))
        {
            NamedCategories = CategoriesOf(query),
            Condition = WriteCondition.Of(request.Headers.IfMatch.ToString(), request.Headers.IfNoneMatch.ToString()),
            Freshness = ReadFreshnessHeader.Of(request.Headers),
        };
    }

    /// <summary>
    /// What a request without body or OCCI headers (most GETs) says: nothing. One instance for all of them, as
    /// nothing writes to a request once it is parsed and normalised, and normalising an empty one writes nothing.
    /// </summary>
    private static readonly OcciRequest NoMessage = new();

    private ValueTask<OcciResult> ExecuteAsync(OcciCall call, CancellationToken ct) => call.Path.Target switch
    {
        PathTarget.QueryInterface => queryInterface.ExecuteAsync(call, ct),
        PathTarget.KindCollection or PathTarget.MixinCollection => collections.ExecuteAsync(call, ct),
        PathTarget.Namespace => namespaces.ExecuteAsync(call, ct),
        _ => entityOperations.ExecuteAsync(call, ct),
    };

    private async Task WriteAsync(HttpContext http, OcciCall call, OcciResult result)
    {
        var response = http.Response;
        var rendering = call.Output;
        var context = ContextFor(registry.Current, call.BaseUrl);

        if (result is CategoriesResult { IsWholeModel: true } && cache.TryGet(rendering, context, out var cached))
        {
            WarnOfRepeatedFields(http, cached.Headers);
            await WriteBufferAsync(response, 200, rendering, cached.Headers, cached.Body);
            return;
        }

        // OCCI 1.1-era clients read a create's answer as locations: rOCCI the Location header, pyOCNI {"Location":[…]}.
        if (rendering == catalog.Json11 && result is EntityResult { Status: 201, Location: { } created })
            result = new LocationsResult([created], 201, created) { Version = result.Version };
        if (result is not (EmptyResult or CollectionActionResult) && rendering == catalog.UriList && result is not (CollectionResult or LocationsResult))
            throw OcciException.BadRequest("text/uri-list renders only collections; ask for text/plain, text/occi or application/occi+json");
        var location = result switch { EntityResult { Location: { } l } => l, LocationsResult { Location: { } l } => l, _ => null };
        if (location is not null) response.Headers.Location = context.Absolute(location);
        if (result.Version is { } version)
        {
            response.Headers.ETag = WriteCondition.ETagOf(version);
            // RFC 9110 §13.1.2: a GET or HEAD whose If-None-Match lists the current tag is answered 304, without a body.
            if (call.Method is "GET" or "HEAD" && call.Condition.NotModified(version))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        if (rendering is ICollectionStreaming streaming && result is CollectionResult or LocationsResult)
        {
            await StreamAsync(http, result, rendering, streaming, context);
            return;
        }

        using var rented = RenderBuffer.Rent();
        var (buffer, output) = (rented.Writer, rented.Output);
        switch (result)
        {
            case EntityResult r: rendering.RenderEntity(r.Entity, context, output); break;
            case CollectionResult r:
                if (rendering.RendersCollectionsInFull) rendering.RenderCollection(r.Entities, context, output);
                else rendering.RenderLocations(r.Entities.Select(e => e.Location!).ToArray(), context, output);
                break;
            case LocationsResult r: rendering.RenderLocations(r.Locations, context, output); break;
            case CollectionActionResult r: CollectionActionReport.Render(r, rendering, context, output); break;
            case CategoriesResult r:
                rendering.RenderCategories(r.Categories, context, output);
                if (r.IsWholeModel) cache.Put(rendering, context, output.Headers, buffer.WrittenMemory);
                break;
        }
        WarnOfRepeatedFields(http, output.Headers);
        await WriteBufferAsync(response, result.Status, rendering, output.Headers, buffer.WrittenMemory);
    }

    /// <summary>
    /// A text/occi rendering past Occi:Limits:MaxHeaderFieldBytes went on in repeated fields, which clients that
    /// read only the first field of a name (rOCCI-cli 4.3) miss, and which proxies with small header buffers refuse.
    /// </summary>
    private void WarnOfRepeatedFields(HttpContext http, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (!RepeatsAName(headers)) return;
        log.LogWarning("OCCI request {Method} {Path}: the text/occi rendering exceeds Occi:Limits:MaxHeaderFieldBytes ({Limit} bytes) and is sent "
            + "in repeated header fields, which some clients (rOCCI-cli reads only the first) and proxies do not read whole; text/plain "
            + "(Accept: text/plain) renders such listings in the body and is the better choice",
            http.Request.Method, http.Request.Path, options.Value.Limits.MaxHeaderFieldBytes);
    }

    private static bool RepeatsAName(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        for (var i = 1; i < headers.Count; i++)
            for (var j = 0; j < i; j++)
                if (string.Equals(headers[i].Key, headers[j].Key, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// A listing, in every rendering but text/occi (which renders into headers): sent in pieces as it is
    /// rendered once it outgrows Occi:Limits:ResponseBufferBytes, with Content-Length below that (<see cref="ResponseBody"/>).
    /// </summary>
    private async Task StreamAsync(HttpContext http, OcciResult result, IOcciRendering rendering, ICollectionStreaming streaming, RenderContext context)
    {
        var response = http.Response;
        response.StatusCode = result.Status;
        response.ContentType = ContentTypeOf(rendering);
        using var body = new ResponseBody(response, options.Value.Limits.ResponseBufferBytes, streamed);
        var steps = result is CollectionResult c
            ? streaming.StreamCollection(c.Entities, context, body)
            : streaming.StreamLocations(((LocationsResult)result).Locations, context, body);
        var pages = (result as CollectionResult)?.Entities as IPagedList; // read from the store as the steps ask
        foreach (var _ in steps)
        {
            await body.StepAsync(http.RequestAborted);
            if (pages is not null) await pages.LoadAsync(http.RequestAborted);
        }
        await body.CompleteAsync(http.RequestAborted);
    }

    private static Task WriteBufferAsync(HttpResponse response, int status, IOcciRendering rendering,
        IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        response.StatusCode = status;
        response.ContentType = ContentTypeOf(rendering);
        foreach (var (name, value) in headers) response.Headers.Append(name, value);
        response.ContentLength = body.Length;
        return body.Length == 0 ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Content-Type per media type, built once: a handful of renderings, asked on every answer.</summary>
    private static readonly ConcurrentDictionary<string, string> ContentTypes = new(StringComparer.Ordinal);

    private static string ContentTypeOf(IOcciRendering rendering) => ContentTypes.GetOrAdd(rendering.MediaType,
        static mediaType => mediaType.StartsWith("text/", StringComparison.Ordinal) ? mediaType + "; charset=utf-8" : mediaType);

    private async Task WriteErrorAsync(HttpContext http, IOcciRendering rendering, OcciException error)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            // A streamed listing failed after its status went out: ending the body normally would pass a
            // truncated listing off as complete, so the connection is aborted and the client sees it cut short.
            log.LogWarning("OCCI request {Method} {Path} failed after its response started ({Message}); the connection is aborted", http.Request.Method, http.Request.Path, error.Message);
            http.Abort();
            return;
        }
        var status = StatusOf(error);
        // A call the open breaker held off is one line, not a stack trace: during an outage there is one per request.
        if (error.NotAttempted) log.LogWarning("OCCI request {Method} {Path} held off: {Message}", http.Request.Method, http.Request.Path, error.Message);
        else if (status >= 500) log.LogWarning(error, "OCCI request {Method} {Path} failed: {Message}", http.Request.Method, http.Request.Path, error.Message);
        else log.LogInformation("OCCI request {Method} {Path} refused with {Status}: {Message}", http.Request.Method, http.Request.Path, status, error.Message);
        if (rendering == catalog.UriList) rendering = catalog.TextPlain; // uri-list has no way to say what went wrong
        response.Headers.Remove("Location");
        response.Headers.Remove("ETag");
        if (error is MethodNotAllowedException { Allow: var allow }) response.Headers.Allow = allow;
        if (error is AuthenticationRequiredException { Challenges: var challenges }) response.Headers.WWWAuthenticate = challenges.ToArray();
        // A backend's 401 (the cloud refused the caller's token after the scheme let it in) says where to get a new one too (RFC 9110 §15.5.2).
        else if (status == 401 && authenticator.ChallengesFor(http.Request) is { Count: > 0 } offered) response.Headers.WWWAuthenticate = offered.ToArray();
        // RFC 9110 §10.2.3: whole seconds, at least 1 (0 would invite an immediate retry into the open breaker).
        if (status == 503 && error.RetryAfter is { } wait)
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var buffer = new PooledBufferWriter(512);
        var output = new RenderOutput(buffer);
        rendering.RenderError(status, error.Message, output);
        await WriteBufferAsync(response, status, rendering, output.Headers, buffer.WrittenMemory);
    }

    public static int StatusOf(OcciException e) => e switch
    {
        HttpOcciException h => h.Status,
        _ => e.Kind switch
        {
            OcciErrorKind.BadRequest => 400,
            OcciErrorKind.Unauthorized => 401,
            OcciErrorKind.Forbidden => 403,
            OcciErrorKind.NotFound => 404,
            OcciErrorKind.MethodNotAllowed => 405,
            OcciErrorKind.Conflict => 409,
            OcciErrorKind.PreconditionFailed => 412,
            OcciErrorKind.PayloadTooLarge => 413,
            OcciErrorKind.BackendFailure => 502,
            OcciErrorKind.Unavailable => 503,
            _ => 500,
        },
    };

    private string BaseUrl(HttpContext http)
    {
        if (options.Value.BaseUrl is { Length: > 0 } configured) return configured.TrimEnd('/');
        var r = http.Request;
        // Clients send the same Host request after request: the last base URL is reused while scheme, host and
        // path base are those it was built from, instead of a new string per request.
        var last = _lastBaseUrl;
        if (last is not null && last.Host == r.Host.Value && last.Scheme == r.Scheme && last.PathBase == r.PathBase.Value)
            return last.Url;
        var url = $"{r.Scheme}://{r.Host.Value}{r.PathBase.Value}";
        _lastBaseUrl = new LastBaseUrl(r.Scheme, r.Host.Value, r.PathBase.Value, url);
        return url;
    }

    /// <summary>
    /// The render context of the last answer, reused while model and base URL are the same (a context is
    /// immutable): like the base URL, the same from request to request.
    /// </summary>
    private RenderContext ContextFor(CategorySnapshot model, string baseUrl)
    {
        var last = _lastContext;
        if (last is not null && ReferenceEquals(last.Model, model) && ReferenceEquals(last.BaseUrl, baseUrl)) return last;
        return _lastContext = new RenderContext(model, baseUrl) { MaxHeaderFieldBytes = options.Value.Limits.MaxHeaderFieldBytes };
    }

    private RenderContext? _lastContext;

    private sealed record LastBaseUrl(string Scheme, string? Host, string? PathBase, string Url);

    private LastBaseUrl? _lastBaseUrl;

    /// <summary>The request body in a pooled buffer; null when the request declares none (Content-Length: 0).</summary>
    private static async ValueTask<PooledBufferWriter?> ReadBodyAsync(HttpContext http, long max)
    {
        var request = http.Request;
        // Content-Length: 0, or a GET without Content-Length or Transfer-Encoding, which has no body (RFC 9112 §6.3).
        if (request.ContentLength is 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return null;
        if (request.ContentLength > max)
            throw new HttpOcciException(413, $"the request body of {request.ContentLength} bytes exceeds the limit of {max} bytes");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        var buffer = new PooledBufferWriter((int)Math.Min(request.ContentLength ?? 4096, max) + 1);
        try
        {
            var body = request.Body;
            while (true)
            {
                var memory = buffer.GetMemory(4096);
                var read = await body.ReadAsync(memory, http.RequestAborted);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > max)
                    throw new HttpOcciException(413, $"the request body exceeds the limit of {max} bytes");
            }
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> OcciHeadersOf(IHeaderDictionary headers, int max)
    {
        List<KeyValuePair<string, string>>? list = null; // most requests send none
        foreach (var name in OcciHeaders)
        {
            if (!headers.TryGetValue(name, out var values)) continue;
            foreach (var v in values)
            {
                if (v is null) continue;
                (list ??= []).Add(new(name, v));
                if (list.Count > max) throw new HttpOcciException(413, $"more than {max} OCCI header lines");
            }
        }
        return list is null ? [] : (IReadOnlyList<KeyValuePair<string, string>>)list;
    }

    /// <summary>?category=&lt;scheme+term&gt;, URL-encoded, each a category identity.</summary>
    private static CategoryId[] CategoriesOf(IQueryCollection query)
    {
        if (!query.TryGetValue("category", out var values)) return [];
        var ids = new CategoryId[values.Count];
        for (var i = 0; i < ids.Length; i++)
            if (!CategoryId.TryParse(values[i], out ids[i]))
                throw OcciException.BadRequest($"?category={values[i]} is not a category identity (scheme#term, URL-encoded: %23 for '#')");
        return ids;
    }

    private static Paging? PagingOf(IQueryCollection query, int maxPageSize)
    {
        var hasPage = query.TryGetValue("page", out var page);
        var hasNumber = query.TryGetValue("number", out var number);
        if (!hasPage && !hasNumber) return null;
        var p = 1;
        var n = maxPageSize;
        if (hasPage && (!int.TryParse(page.ToString(), out p) || p < 1))
            throw OcciException.BadRequest($"?page={page} must be a whole number from 1");
        if (hasNumber && (!int.TryParse(number.ToString(), out n) || n < 1 || n > maxPageSize))
            throw OcciException.BadRequest($"?number={number} must be a whole number from 1 to {maxPageSize}");
        if ((long)(p - 1) * n > int.MaxValue) throw OcciException.BadRequest("?page is too large");
        return new Paging(p, n);
    }
}
