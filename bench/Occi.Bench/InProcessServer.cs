using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Occi.Bench;

/// <summary>
/// An <see cref="IServer"/> in Kestrel's place that opens no socket: the host's whole request pipeline (hosting,
/// middleware, routing, the endpoint) is run on one reused connection's features, as Kestrel runs it on each
/// of its connections (the HttpContext kept between requests through <see cref="IHostContextContainer{TContext}"/>).
/// What a request costs above the socket and the HTTP parser, measured without either.
/// </summary>
internal sealed class InProcessServer : IServer
{
    private Func<Connection, Task>? _process;
    private Func<Connection>? _connect;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        _connect = () => new Connection<TContext>();
        _process = async connection =>
        {
            var context = application.CreateContext(connection);
            try
            {
                await application.ProcessRequestAsync(context);
                application.DisposeContext(context, null);
            }
            catch (Exception e)
            {
                application.DisposeContext(context, e);
                throw;
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() { }

    /// <summary>A new connection that sends <paramref name="method"/> <paramref name="path"/> with <paramref name="headers"/>.</summary>
    public Connection Connect(string method, string path, params (string Name, string Value)[] headers) =>
        (_connect ?? throw new InvalidOperationException("the host is not started"))().Request(method, path, headers);

    /// <summary>Runs one request on <paramref name="connection"/>; its answer is in the connection's response features.</summary>
    public Task SendAsync(Connection connection)
    {
        connection.ResetResponse();
        return (_process ?? throw new InvalidOperationException("the host is not started"))(connection);
    }

    /// <summary>One keep-alive connection's features: the same request each time, the response reset before it.</summary>
    internal abstract class Connection : FeatureCollection, IHttpRequestBodyDetectionFeature
    {
        private readonly HttpRequestFeature _request = new();
        private readonly HttpResponseFeature _response = new();
        private readonly MemoryStream _body = new();

        protected Connection()
        {
            Set<IHttpRequestFeature>(_request);
            Set<IHttpResponseFeature>(_response);
            Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(_body));
            Set<IHttpRequestBodyDetectionFeature>(this);
        }

        /// <summary>As Kestrel says: a request without Content-Length (or chunks) has no body.</summary>
        public bool CanHaveBody { get; private set; }

        public Connection Request(string method, string path, (string Name, string Value)[] headers)
        {
            _request.Method = method;
            _request.Path = path;
            _request.RawTarget = path;
            _request.Scheme = "http";
            _request.Protocol = "HTTP/1.1";
            foreach (var (name, value) in headers) _request.Headers[name] = value;
            return this;
        }

        public int Status => _response.StatusCode;

        public IHeaderDictionary ResponseHeaders => _response.Headers;

        /// <summary>The body of the last answer (kept only up to the next request).</summary>
        public ReadOnlySpan<byte> Body => _body.GetBuffer().AsSpan(0, (int)_body.Length);

        public void SetBody(byte[] body)
        {
            _request.Body = new MemoryStream(body);
            _request.Headers.ContentLength = body.Length;
            CanHaveBody = true;
        }

        public void ResetResponse()
        {
            _response.StatusCode = 200;
            _response.ReasonPhrase = null;
            _response.Headers.Clear();
            _body.SetLength(0);
        }
    }

    /// <summary>The host keeps its per-request context here between requests, as on a Kestrel connection.</summary>
    private sealed class Connection<TContext> : Connection, IHostContextContainer<TContext> where TContext : notnull
    {
        public TContext? HostContext { get; set; }
    }
}
