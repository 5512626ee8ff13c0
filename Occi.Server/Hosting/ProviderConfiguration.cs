namespace Occi.Server.Hosting;

/// <summary>
/// The configuration one provider's backend is registered with (issue 19): the server's, with the provider's section
/// <c>Occi:Providers:&lt;name&gt;</c> standing where one backend's keys stand. <c>Occi:Providers:lab:Libvirt:Uri</c> is
/// read as <c>Occi:Libvirt:Uri</c>; a section the provider has replaces the top-level one whole (its templates are
/// its own, not merged with <c>Occi:Local</c>'s), one it lacks is the top-level one (defaults from appsettings.json).
/// <c>Occi:DataPath</c> is the provider's own folder, so two simulators never share a journal. Built once at start.
/// </summary>
internal static class ProviderConfiguration
{
    public static IConfiguration For(IConfiguration root, string name, ProviderOptions provider)
    {
        const string occi = OcciOptions.Section + ":";
        var section = root.GetSection($"{ProvidersOptions.Section}:Providers:{name}");
        var own = section.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (value is null) continue;
            if (key.StartsWith(occi, StringComparison.OrdinalIgnoreCase))
            {
                var rest = key[occi.Length..];
                var first = rest.IndexOf(':') is var colon and >= 0 ? rest[..colon] : rest;
                if (first.Equals("Providers", StringComparison.OrdinalIgnoreCase) || own.Contains(first)) continue;
            }
            values[key] = value;
        }
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
            if (value is not null) values[occi + key] = value;
        values[occi + nameof(OcciOptions.Backend)] = provider.Backend;
        values[occi + nameof(OcciOptions.DataPath)] = provider.DataPath is { Length: > 0 } folder
            ? folder
            : Path.Combine(root[occi + nameof(OcciOptions.DataPath)] ?? new OcciOptions().DataPath, "providers", name);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
