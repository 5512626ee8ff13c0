namespace Occi.Server.Dashboard;

/// <summary>Maps /dashboard/ beside the OCCI catch-all (DESIGN.md: health, metrics and the dashboard are ordinary endpoints).</summary>
internal static class DashboardEndpoints
{
    public static void MapOcciDashboard(this IEndpointRouteBuilder endpoints)
    {
        var files = new DashboardFiles();
        // The route matches "/dashboard" too (routing ignores a trailing slash), which is sent to "/dashboard/":
        // the page's relative URLs (its script, the API at ../) need the slash.
        endpoints.MapMethods(DashboardFiles.Prefix + "{**file}", ["GET", "HEAD"], (HttpContext http, string? file) =>
            http.Request.Path.Value?.EndsWith('/') == false && string.IsNullOrEmpty(file)
                ? Results.Redirect(http.Request.PathBase + DashboardFiles.Prefix, permanent: true).ExecuteAsync(http)
                : files.ServeAsync(http, file));
    }
}
