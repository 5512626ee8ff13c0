using System.CommandLine;
using Occi.Cli.Connection;
using Occi.Cli.Output;
using Occi.Cli.Protocol;

namespace Occi.Cli;

/// <summary>The options every command takes (recursive on the root), each with the environment variable that stands in for it.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint", "-e")
    {
        Description = "The OCCI server's base URL (or OCCI_ENDPOINT), e.g. https://occi.example.org:11443/",
        Recursive = true,
    };

    public Option<string> MediaType { get; } = new("--media-type", "-m")
    {
        Description = "The rendering of requests and answers",
        DefaultValueFactory = _ => WireFormat.TextPlain,
        Recursive = true,
    };

    public Option<string> OcciVersion { get; } = new("--occi-version")
    {
        Description = "The OCCI version `occi` says it speaks (User-Agent OCCI/x): 1.1 gets OCCI 1.1 JSON from servers that speak it",
        DefaultValueFactory = _ => "1.2",
        Recursive = true,
    };

    public Option<AuthKind> Auth { get; } = new("--auth", "-a")
    {
        Description = "none | basic (--user, --password) | token (--token, sent as X-Auth-Token) | x509 (--proxy) | oidc (--token, sent as Bearer)",
        DefaultValueFactory = _ => AuthKind.None,
        Recursive = true,
    };

    public Option<string?> User { get; } = new("--user", "-u") { Description = "User name for --auth basic (or OCCI_USER)", Recursive = true };

    public Option<string?> Password { get; } = new("--password", "-p") { Description = "Password for --auth basic (or OCCI_PASSWORD)", Recursive = true };

    public Option<string?> Token { get; } = new("--token", "-t") { Description = "Token for --auth token or oidc (or OCCI_TOKEN)", Recursive = true };

    public Option<string?> Proxy { get; } = new("--proxy")
    {
        Description = "PEM file with client certificate, key and chain for --auth x509 (or X509_USER_PROXY; default /tmp/x509up_u<uid>)",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table | json | plain",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure", "-k") { Description = "Accept any server certificate", Recursive = true };

    public Option<string?> CaPath { get; } = new("--ca-path") { Description = "File or folder of CA certificates the server's certificate must chain to", Recursive = true };

    public Option<int> RequestTimeout { get; } = new("--request-timeout")
    {
        Description = "Seconds to wait for each answer",
        DefaultValueFactory = _ => 100,
        Recursive = true,
    };

    public GlobalOptions()
    {
        MediaType.AcceptOnlyFromAmong(WireFormat.MediaTypes);
        OcciVersion.AcceptOnlyFromAmong(WireFormat.Versions);
    }

    public IEnumerable<Option> All => [Endpoint, MediaType, OcciVersion, Auth, User, Password, Token, Proxy, Output, Insecure, CaPath, RequestTimeout];

    /// <summary>The connection the options describe; what is missing or contradictory is a usage error naming the option.</summary>
    public ConnectionSettings Settings(ParseResult parse, CliEnvironment env)
    {
        var endpointText = parse.GetValue(Endpoint) ?? env.Variable("OCCI_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpointText)) throw OcciFailure.Usage("no server: give --endpoint or set OCCI_ENDPOINT");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw OcciFailure.Usage($"--endpoint {endpointText}: not an http or https URL");
        var auth = parse.GetValue(Auth);
        var user = parse.GetValue(User) ?? env.Variable("OCCI_USER");
        var password = parse.GetValue(Password) ?? env.Variable("OCCI_PASSWORD");
        var token = parse.GetValue(Token) ?? env.Variable("OCCI_TOKEN");
        var proxy = parse.GetValue(Proxy);
        switch (auth)
        {
            case AuthKind.Basic when string.IsNullOrEmpty(user) || password is null:
                throw OcciFailure.Usage("--auth basic needs --user and --password (or OCCI_USER and OCCI_PASSWORD)");
            case AuthKind.Token or AuthKind.Oidc when string.IsNullOrEmpty(token):
                throw OcciFailure.Usage($"--auth {auth.ToString().ToLowerInvariant()} needs --token (or OCCI_TOKEN)");
            case AuthKind.X509:
                proxy ??= ProxyCertificate.DefaultPath(env.Variable);
                break;
        }
        var timeout = parse.GetValue(RequestTimeout);
        if (timeout <= 0) throw OcciFailure.Usage("--request-timeout must be a positive number of seconds");
        return new ConnectionSettings(endpoint, auth, user, password, token, proxy, parse.GetValue(Insecure), parse.GetValue(CaPath), TimeSpan.FromSeconds(timeout));
    }
}
