using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Native;
using Occi.Core.Model;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>
/// libvirt's test:///default driver: a real libvirt, in-process, with a sample domain "test", network
/// "default" and pool "default-pool". Every connection in one process shares its state while one stays open,
/// so fixtures hold a keeper connection and use unique names.
/// </summary>
internal static class TestDriver
{
    public const string Uri = "test:///default";
    public const string Pool = "default-pool";

    /// <summary>Ignores the test (with the reason) on machines without libvirt.so.0.</summary>
    public static void Require()
    {
        if (!LibvirtLibrary.IsAvailable)
            Assert.Ignore($"libvirt is not available: {LibvirtLibrary.UnavailableReason}");
    }

    public static LibvirtConnection Open()
    {
        Require();
        return LibvirtConnection.Open(Uri);
    }

    /// <summary>
    /// Whether a connection is open somewhere in the process (a fixture before this one let one outlive it): a domain
    /// defined on a connection of its own, closed, is still there on the next only if another kept the state alive.
    /// </summary>
    public static bool HeldOpenElsewhere()
    {
        const string marker = "occi-tests-state-marker";
        using (var connection = Open())
        using (connection.DefineDomain($"<domain type='test'><name>{marker}</name><memory>1024</memory><os><type>hvm</type></os></domain>")) { }
        using var again = Open();
        using var found = again.FindDomainByName(marker);
        found?.Undefine();
        return found is not null;
    }

    public static LibvirtOptions Options() => new()
    {
        Uri = Uri,
        StoragePool = Pool,
        ImagePool = Pool,
        RetryDelaySeconds = 0.01,
        TimeoutSeconds = 30,
    };

    public static string NewId() => Guid.NewGuid().ToString("D");

    public static Resource Compute(params CategoryId[] mixins)
    {
        var r = new Resource { Id = NewId(), Kind = Infrastructure.Kinds.Compute.Kind.Id, Location = null };
        r.Mixins.AddRange(mixins);
        r.Location = "/compute/" + r.Id;
        return r;
    }

    public static Resource Storage(double sizeGiB)
    {
        var r = new Resource { Id = NewId(), Kind = Infrastructure.Kinds.Storage.Kind.Id };
        r.Attributes[Infrastructure.Kinds.Storage.Size] = sizeGiB;
        r.Location = "/storage/" + r.Id;
        return r;
    }

    public static Resource Network()
    {
        var r = new Resource { Id = NewId(), Kind = Infrastructure.Kinds.Network.Kind.Id };
        r.Location = "/network/" + r.Id;
        return r;
    }

    public static Link Link(CategoryId kind, Entity source, Entity target) =>
        new() { Id = NewId(), Kind = kind, Source = source.Location!, Target = target.Location! };

    public static string State(Entity e, string attribute) => e.Attributes.GetString(attribute) ?? "(none)";

    public static CategoryId Flavour(LibvirtOptions options, string term) => new(options.ResourceTemplateScheme, term);

    public static string ComputeState(Entity e) => State(e, Infrastructure.Kinds.Compute.State);
}
