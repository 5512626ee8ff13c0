using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 12 item 5: Occi.Server/appsettings.json holds every key of every options class with the class's default,
/// and nothing else under "Occi", so the file and the classes cannot drift apart. The options classes are found
/// by reflection in the server's deployed assemblies: public types named …Options with a const Section.
/// </summary>
public class AppsettingsFileTests
{
    /// <summary>A DataPath property of a component's options is the one shared key Occi:DataPath, not a key of its section.</summary>
    private const string SharedDataPathKey = "Occi:DataPath";

    private static readonly string[] ExpectedClasses =
        [
            "OcciOptions",
            "JsonDialectOptions",
            "DataPathOptions",
            "LocalBackendOptions",
            "LibvirtOptions",
            "EmbeddedStoreOptions",
            "MongoStoreOptions",
            "BasicAuthOptions",
            "QuotaOptions",
            "KeystoneAuthOptions",
            "OidcAuthOptions",
            "SignatureAuthOptions",
            "TenancyMappingOptions",
            "X509AuthOptions",
            "TelemetryOptions",
            "OpenStackOptions",
            "OpenStackVolumeOptions",
            "OpenStackNetworkOptions",
            "OpenStackApplianceOptions",
            "CloudkeeperOptions",
            "SynnefoOptions",
            "SynnefoNetworkOptions",
            "SynnefoVolumeOptions",
            "SynnefoQuotaOptions",
            "ProvidersOptions",
        ];

    private static readonly Lazy<IReadOnlyList<Type>> OptionsClasses = new(FindOptionsClasses);

    [Test]
    public void The_options_classes_of_the_server_backends_and_stores_are_found()
    {
        Assert.That(OptionsClasses.Value.Select(t => t.Name), Is.SupersetOf(ExpectedClasses));
    }

    [Test]
    public void Every_options_property_is_in_the_file_with_its_default()
    {
        var file = FileKeys();
        var problems = new List<string>();
        foreach (var (key, value) in ClassKeys())
        {
            if (!file.TryGetValue(key, out var written)) problems.Add($"{key} is missing (default {Show(value)})");
            else if (!SameValue(value, written)) problems.Add($"{key} is {written.GetRawText()} in the file, {Show(value)} in its class");
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Every_key_in_the_file_is_an_options_property()
    {
        var known = ClassKeys().Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        Assert.That(FileKeys().Keys.Where(k => !known.Contains(k)), Is.Empty);
    }

    private static IReadOnlyList<Type> FindOptionsClasses()
    {
        // Backends and stores are loaded by name at run time, as the server loads them: the tests name none of their types.
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "Occi.*.dll"))
            if (!Path.GetFileName(path).Contains(".Tests", StringComparison.Ordinal))
                Assembly.Load(AssemblyName.GetAssemblyName(path));
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Occi.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal) && SectionOf(t) is not null)
            .ToList();
    }

    private static string? SectionOf(Type t) =>
        t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } f ? (string?)f.GetRawConstantValue() : null;

    /// <summary>Every public settable property of every options class, by its configuration path, with its default.</summary>
    private static List<(string Key, object? Value)> ClassKeys()
    {
        var keys = new List<(string, object?)>();
        foreach (var type in OptionsClasses.Value)
        {
            var section = SectionOf(type)!;
            foreach (var (key, value) in Properties(section, Activator.CreateInstance(type)!))
                keys.Add(key.EndsWith(":DataPath", StringComparison.Ordinal) ? (SharedDataPathKey, value) : (key, value));
        }
        return keys;
    }

    private static IEnumerable<(string Key, object? Value)> Properties(string path, object instance)
    {
        foreach (var p in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is not { IsPublic: true } || p.GetIndexParameters().Length > 0) continue;
            var value = p.GetValue(instance);
            var key = $"{path}:{p.Name}";
            if (value is not null && IsSection(p.PropertyType))
                foreach (var nested in Properties(key, value)) yield return nested;
            else yield return (key, value);
        }
    }

    private static bool IsSection(Type t) => t.IsClass && t != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(t);

    /// <summary>Every leaf under "Occi" in the file (a value or an array), by its configuration path.</summary>
    private static Dictionary<string, JsonElement> FileKeys()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Walk(string path, JsonElement e)
        {
            // An empty object is the file's form of an empty dictionary (Occi:Quotas:Tenants): a value, not a section.
            if (e.ValueKind != JsonValueKind.Object || !e.EnumerateObject().Any()) keys[path] = e.Clone();
            else foreach (var member in e.EnumerateObject()) Walk($"{path}:{member.Name}", member.Value);
        }
        Walk("Occi", document.RootElement.GetProperty("Occi"));
        return keys;
    }

    private static bool SameValue(object? value, JsonElement written) => value switch
    {
        // No default: the file says so with null or "", which the binder leaves unset (or empty, which the class reads as unset).
        null => written.ValueKind is JsonValueKind.Null || written is { ValueKind: JsonValueKind.String } && written.GetString() == "",
        string s => written.ValueKind == JsonValueKind.String && written.GetString() == s,
        bool b => written.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False),
        Enum e => written.ValueKind == JsonValueKind.String && written.GetString() == e.ToString(),
        IDictionary { Count: 0 } => written.ValueKind == JsonValueKind.Object && !written.EnumerateObject().Any(),
        IEnumerable list => written.ValueKind == JsonValueKind.Array
            && JsonSerializer.Serialize(list) == JsonSerializer.Serialize(written),
        IConvertible n => written.ValueKind == JsonValueKind.Number && written.GetDouble() == n.ToDouble(CultureInfo.InvariantCulture),
        _ => false,
    };

    private static string Show(object? value) => value is null ? "no default" : JsonSerializer.Serialize(value);
}
