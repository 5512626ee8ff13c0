using Occi.Server.Auth.Identity;
using Occi.Server.Dashboard;
using Occi.Server.Http;

namespace Occi.Server.Hosting;

/// <summary>Builds the server's WebApplication; Program runs it, tests start it on a loopback port.</summary>
public static class OcciServerApp
{
    /// <param name="args">Command-line arguments (configuration keys, --urls).</param>
    /// <param name="configureServices">Runs after the gateway's registrations, so it can replace or wrap them (tests do).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // The configuration is read once at start (options are bound then), so appsettings.json is not
        // watched: that watcher covers the whole content root recursively, data folder included, and would
        // wake up for every journal and SQLite write. A later argument can still turn it back on.
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        builder.Services.AddOcciGateway(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.UseOcciRequestTelemetry();
        app.UseMiddleware<RequestLogging>();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync, Predicate = TelemetrySetup.HealthCheck });
        app.MapOcciTelemetry();
        app.MapOcciDashboard();
        app.MapBuiltInKeystone();
        var endpoint = app.Services.GetRequiredService<OcciEndpoint>();
        app.Map("/{**path}", endpoint.HandleAsync);
        return app;
    }
}
