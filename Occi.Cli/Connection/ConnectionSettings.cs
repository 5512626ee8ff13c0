namespace Occi.Cli.Connection;

/// <summary>Where the server is and how to reach it, from the global options and their environment variables.</summary>
internal sealed record ConnectionSettings(
    Uri Endpoint,
    AuthKind Auth,
    string? User,
    string? Password,
    string? Token,
    string? ProxyFile,
    bool Insecure,
    string? CaPath,
    TimeSpan RequestTimeout);
