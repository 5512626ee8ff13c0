namespace Occi.Backends.OpenStack.Identity;

/// <summary>
/// The endpoints a token's catalog lists (Keystone v3 "catalog": services by type, each with endpoints per
/// interface and region), narrowed once to the configured interface and region; endpoint overrides win.
/// </summary>
internal sealed class ServiceCatalog
{
    private readonly Dictionary<string, Uri> _byType;

    private ServiceCatalog(Dictionary<string, Uri> byType) => _byType = byType;

    public static ServiceCatalog From(IEnumerable<CatalogService>? services, OpenStackOptions options)
    {
        var byType = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var service in services ?? [])
        {
            if (service.Type is not { Length: > 0 } type || byType.ContainsKey(type)) continue;
            var endpoint = (service.Endpoints ?? []).FirstOrDefault(e =>
                string.Equals(e.Interface, options.Interface, StringComparison.Ordinal)
                && (options.Region.Length == 0 || e.Region == options.Region || e.RegionId == options.Region));
            if (endpoint?.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)) byType[type] = uri;
        }
        foreach (var (type, url) in options.EndpointOverrides) byType[type] = new Uri(url, UriKind.Absolute);
        return new ServiceCatalog(byType);
    }

    /// <summary>The base URL of the service of this type (compute, image, volumev3, network), or null when the catalog has none.</summary>
    public Uri? Find(string serviceType) => _byType.GetValueOrDefault(serviceType);

    public IEnumerable<string> ServiceTypes => _byType.Keys;
}
