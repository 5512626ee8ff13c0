using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Occi.Server.Tests.Architecture;

/// <summary>
/// A backend or store shows a host two things: its registration (a static method taking the services and the
/// configuration, which ComponentLoader or a host calls) and its options. Its implementation is internal, and
/// its tests reach it through InternalsVisibleTo. Read from the assemblies deployed with the server.
/// </summary>
public sealed class ComponentSurfaceTests
{
    /// <summary>
    /// Public only while JournalIntentStore.cs, rewritten for the shared journal (issue 12 item 3), keeps a
    /// public constructor that takes the database; both become internal when that rewrite is merged.
    /// </summary>
    private static IEnumerable<string> Components() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "Occi.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => (n!.StartsWith("Occi.Backends.", StringComparison.Ordinal) || n.StartsWith("Occi.Storage.", StringComparison.Ordinal))
                && !n.EndsWith(".Tests", StringComparison.Ordinal))
            .Order()!;

    [Test]
    public void The_server_deploys_the_local_and_libvirt_backends_and_the_embedded_and_mongo_stores()
    {
        Assert.That(Components(), Is.SupersetOf(new[] { "Occi.Backends.Local", "Occi.Backends.Libvirt", "Occi.Storage.Embedded", "Occi.Storage.Mongo" }));
    }

    [TestCaseSource(nameof(Components))]
    public void A_backend_or_store_exports_only_its_registration_and_its_options(string component)
    {
        var exported = Assembly.Load(new AssemblyName(component)).GetExportedTypes();
        var options = OptionTypes(exported.Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)));
        var other = exported.Where(t => !IsRegistration(t) && !options.Contains(t));
        Assert.That(other.Select(t => t.FullName), Is.Empty);
    }

    /// <summary>A static class with a public static method taking (IServiceCollection, IConfiguration).</summary>
    private static bool IsRegistration(Type type) =>
        type is { IsAbstract: true, IsSealed: true }
        && type.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m =>
            m.GetParameters() is [var services, var configuration, ..]
            && services.ParameterType == typeof(IServiceCollection) && configuration.ParameterType == typeof(IConfiguration));

    /// <summary>The options classes and the component's own types their public properties hold (a template, a flavour).</summary>
    private static HashSet<Type> OptionTypes(IEnumerable<Type> roots)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (!found.Add(type)) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                foreach (var held in Held(property.PropertyType).Where(t => t.Assembly == type.Assembly))
                    pending.Push(held);
        }
        return found;
    }

    private static IEnumerable<Type> Held(Type type) =>
        type.HasElementType ? Held(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Held)
        : [type];
}
