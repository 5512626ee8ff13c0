using Occi.Core.Model;

namespace Occi.Core.Tests;

/// <summary>
/// <see cref="Entity.Copy"/> is the one copier of entities (the server's writes and the embedded store's reads):
/// a copy keeps every field and shares nothing mutable, so a store's snapshot or a request's "before" stays as it was.
/// </summary>
public class EntityCopyTests
{
    private static readonly CategoryId Compute = new("http://schemas.ogf.org/occi/infrastructure#", "compute");
    private static readonly CategoryId NetworkInterface = new("http://schemas.ogf.org/occi/infrastructure#", "networkinterface");
    private static readonly CategoryId Network = new("http://schemas.ogf.org/occi/infrastructure#", "network");
    private static readonly CategoryId OsTpl = new("http://example.org/occi/os_tpl#", "debian");
    private static readonly CategoryId Start = new("http://schemas.ogf.org/occi/infrastructure/compute/action#", "start");

    private static Link NewLink() => new()
    {
        Id = "nic-1", Kind = NetworkInterface, Location = "/networkinterface/nic-1", BackendId = "nic-backend",
        Source = "/compute/vm-1", Target = "/network/net-1", SourceKind = Compute, TargetKind = Network,
        SourceBackendId = "vm-backend", TargetBackendId = "net-backend",
        Mixins = { OsTpl }, Actions = { Start },
        Attributes = { ["occi.networkinterface.mac"] = "52:54:00:00:00:01" },
    };

    private static Resource NewResource()
    {
        var resource = new Resource
        {
            Id = "vm-1", Kind = Compute, Location = "/compute/vm-1", BackendId = "vm-backend",
            Mixins = { OsTpl }, Actions = { Start },
            Attributes = { ["occi.core.title"] = "web-1", ["occi.compute.cores"] = 2, ["occi.compute.memory"] = 1.5 },
        };
        resource.Links.Add(NewLink());
        return resource;
    }

    /// <summary>The fields every entity has, as <see cref="NewLink"/> and <see cref="NewResource"/> set them.</summary>
    private static void AssertEntityFields(Entity copy, string id, CategoryId kind, string location, string backendId)
    {
        Assert.That(copy.Id, Is.EqualTo(id));
        Assert.That(copy.Kind, Is.EqualTo(kind));
        Assert.That(copy.Location, Is.EqualTo(location));
        Assert.That(copy.BackendId, Is.EqualTo(backendId));
        Assert.That(copy.Mixins, Is.EqualTo(new[] { OsTpl }));
        Assert.That(copy.Actions, Is.EqualTo(new[] { Start }));
    }

    [Test]
    public void A_copied_link_keeps_every_field()
    {
        var copy = NewLink().Copy();

        AssertEntityFields(copy, "nic-1", NetworkInterface, "/networkinterface/nic-1", "nic-backend");
        Assert.That(copy.Source, Is.EqualTo("/compute/vm-1"));
        Assert.That(copy.Target, Is.EqualTo("/network/net-1"));
        Assert.That(copy.SourceKind, Is.EqualTo(Compute));
        Assert.That(copy.TargetKind, Is.EqualTo(Network));
        Assert.That(copy.SourceBackendId, Is.EqualTo("vm-backend"));
        Assert.That(copy.TargetBackendId, Is.EqualTo("net-backend"));
        Assert.That(copy.Attributes.Select(a => (a.Key, a.Value.ToString())),
            Is.EqualTo(new[] { ("occi.networkinterface.mac", "52:54:00:00:00:01") }));
    }

    [Test]
    public void A_copied_resource_keeps_every_field_and_its_links()
    {
        var copy = NewResource().Copy();

        AssertEntityFields(copy, "vm-1", Compute, "/compute/vm-1", "vm-backend");
        Assert.That(copy.Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.core.title", "occi.compute.cores", "occi.compute.memory" }));
        Assert.That(copy.Title, Is.EqualTo("web-1"));
        Assert.That(copy.Links, Has.Count.EqualTo(1));
        Assert.That(copy.Links[0].Location, Is.EqualTo("/networkinterface/nic-1"));
        Assert.That(copy.Links[0].TargetBackendId, Is.EqualTo("net-backend"));
    }

    [Test]
    public void Changing_a_copied_resource_leaves_the_original_as_it_was()
    {
        var original = NewResource();
        var copy = original.Copy();

        copy.Mixins.Clear();
        copy.Actions.Clear();
        copy.Attributes["occi.core.title"] = "renamed";
        copy.Attributes.Remove("occi.compute.cores");
        copy.Links[0].Attributes["occi.networkinterface.mac"] = "52:54:00:00:00:02";
        copy.Links[0].Target = "/network/net-2";
        copy.Links.Clear();

        Assert.That(original.Mixins, Is.EqualTo(new[] { OsTpl }));
        Assert.That(original.Actions, Is.EqualTo(new[] { Start }));
        Assert.That(original.Title, Is.EqualTo("web-1"));
        Assert.That(original.Attributes.Contains("occi.compute.cores"), Is.True);
        Assert.That(original.Links, Has.Count.EqualTo(1));
        Assert.That(original.Links[0].Target, Is.EqualTo("/network/net-1"));
        Assert.That(original.Links[0].Attributes.GetString("occi.networkinterface.mac"), Is.EqualTo("52:54:00:00:00:01"));
    }

    [Test]
    public void Changing_the_original_leaves_a_copied_link_as_it_was()
    {
        var original = NewLink();
        var copy = original.Copy();

        original.Mixins.Add(Compute);
        original.Attributes["occi.networkinterface.mac"] = "52:54:00:00:00:02";
        original.SourceBackendId = null;

        Assert.That(copy.Mixins, Is.EqualTo(new[] { OsTpl }));
        Assert.That(copy.Attributes.GetString("occi.networkinterface.mac"), Is.EqualTo("52:54:00:00:00:01"));
        Assert.That(copy.SourceBackendId, Is.EqualTo("vm-backend"));
    }
}
