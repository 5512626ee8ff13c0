using Occi.Server.Http;

namespace Occi.Server.Hosting;

/// <summary>Builds the server's WebApplication; Program runs it, tests start it on a loopback port.</summary>
public static class OcciServerApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddOcciGateway(builder.Configuration);
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.UseMiddleware<RequestLogging>();
        app.MapHealthChecks("/health");
        var endpoint = app.Services.GetRequiredService<OcciEndpoint>();
        app.Map("/{**path}", endpoint.HandleAsync);
        return app;
    }
}
