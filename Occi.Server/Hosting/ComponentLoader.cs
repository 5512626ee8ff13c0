using System.Reflection;

namespace Occi.Server.Hosting;

/// <summary>
/// Picks a backend or store by configuration without the server naming its type: loads the assembly
/// Occi.Backends.{Name} / Occi.Storage.{Name} and calls its public static
/// Register(IServiceCollection, IConfiguration) or Add…(this IServiceCollection, IConfiguration) method.
/// Runs once at start-up; nothing here is on a request path.
/// </summary>
internal static class ComponentLoader
{
    /// <summary>
    /// Loads the component <c>Occi:{purpose}</c> names (<paramref name="defaultName"/> when unset). The one key
    /// read by hand rather than through options: which assembly registers services must be known before any
    /// container exists. <see cref="OcciOptions"/> binds the same key for everything else.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration, string assemblyPrefix, string purpose, string defaultName) =>
        Load(services, configuration, assemblyPrefix, configuration[$"{OcciOptions.Section}:{purpose}"] ?? defaultName, $"Occi:{purpose}");

    /// <summary>
    /// Loads the component <paramref name="name"/> into <paramref name="services"/>, configured from
    /// <paramref name="configuration"/>: for one provider of <c>Occi:Providers</c>, its own collection and its
    /// configuration view (<see cref="ProviderConfiguration"/>), so each provider is an instance of its own built by
    /// the backend's unchanged Register. <paramref name="key"/> is the key that named it, for the errors.
    /// </summary>
    public static void Load(IServiceCollection services, IConfiguration configuration, string assemblyPrefix, string name, string key)
    {
        var purpose = key[(key.LastIndexOf(':') + 1)..].ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !char.IsAsciiLetterOrDigit(c)))
            throw new InvalidOperationException($"{key} = '{name}' is not a valid {purpose} name");
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyPrefix + name));
        }
        catch (FileNotFoundException)
        {
            throw new InvalidOperationException($"{key} = '{name}': no assembly {assemblyPrefix}{name} is deployed with the server");
        }
        var method = assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name == "Register" || (m.Name.StartsWith("Add", StringComparison.Ordinal) && m.Name.Contains(name, StringComparison.OrdinalIgnoreCase)))
            .Where(m => m.GetParameters() is [var p0, var p1] && p0.ParameterType == typeof(IServiceCollection) && p1.ParameterType == typeof(IConfiguration))
            .OrderBy(m => m.Name == "Register" ? 0 : 1)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no Register(IServiceCollection, IConfiguration) method");
        method.Invoke(null, [services, configuration]);
    }
}
