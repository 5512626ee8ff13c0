using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Infrastructure.Tests;

/// <summary>The kinds against GFD.184 §3 tables 2–9 and GFD.224 §3 (written from the spec text, not the code).</summary>
public class KindTableTests
{
    private const string Infra = "http://schemas.ogf.org/occi/infrastructure#";

    // GFD.184 Table 1 / GFD.224 Table 1: term, parent.
    private static readonly (Kind Kind, string Term, Kind Parent)[] KindTable =
    [
        (Compute.Kind, "compute", CoreCategories.Resource),
        (Storage.Kind, "storage", CoreCategories.Resource),
        (StorageLink.Kind, "storagelink", CoreCategories.Link),
        (Network.Kind, "network", CoreCategories.Resource),
        (NetworkInterface.Kind, "networkinterface", CoreCategories.Link),
    ];

    // GFD.184 Table 2 (speed), GFD.224 Table 2 (share, state.message).
    private static readonly SpecAttribute[] ComputeAttributes =
    [
        new("occi.compute.architecture", AttributeType.Enum, true, "x86", "x64"),
        new("occi.compute.cores", AttributeType.Integer, true),
        new("occi.compute.hostname", AttributeType.String, true),
        new("occi.compute.share", AttributeType.Integer, true),
        new("occi.compute.speed", AttributeType.Number, true),
        new("occi.compute.memory", AttributeType.Number, true),
        new("occi.compute.state", AttributeType.Enum, false, "active", "inactive", "suspended", "error"),
        new("occi.compute.state.message", AttributeType.String, false),
    ];

    private static readonly SpecAttribute[] NetworkAttributes =
    [
        new("occi.network.vlan", AttributeType.Integer, true),
        new("occi.network.label", AttributeType.String, true),
        new("occi.network.state", AttributeType.Enum, false, "active", "inactive", "error"),
        new("occi.network.state.message", AttributeType.String, false),
    ];

    private static readonly SpecAttribute[] StorageAttributes =
    [
        new("occi.storage.size", AttributeType.Number, true),
        new("occi.storage.state", AttributeType.Enum, false, "online", "offline", "error"),
        new("occi.storage.state.message", AttributeType.String, false),
    ];

    private static readonly SpecAttribute[] NetworkInterfaceAttributes =
    [
        new("occi.networkinterface.interface", AttributeType.String, false),
        new("occi.networkinterface.mac", AttributeType.String, true),
        new("occi.networkinterface.state", AttributeType.Enum, false, "active", "inactive", "error"),
        new("occi.networkinterface.state.message", AttributeType.String, false),
    ];

    private static readonly SpecAttribute[] StorageLinkAttributes =
    [
        new("occi.storagelink.deviceid", AttributeType.String, true),
        new("occi.storagelink.mountpoint", AttributeType.String, true),
        new("occi.storagelink.state", AttributeType.Enum, false, "active", "inactive", "error"),
        new("occi.storagelink.state.message", AttributeType.String, false),
    ];

    private static IEnumerable<TestCaseData> KindAttributeTables()
    {
        yield return new TestCaseData(Compute.Kind, ComputeAttributes).SetArgDisplayNames("compute");
        yield return new TestCaseData(Network.Kind, NetworkAttributes).SetArgDisplayNames("network");
        yield return new TestCaseData(Storage.Kind, StorageAttributes).SetArgDisplayNames("storage");
        yield return new TestCaseData(NetworkInterface.Kind, NetworkInterfaceAttributes).SetArgDisplayNames("networkinterface");
        yield return new TestCaseData(StorageLink.Kind, StorageLinkAttributes).SetArgDisplayNames("storagelink");
    }

    [Test]
    public void Every_kind_has_the_infrastructure_scheme_its_term_and_its_parent()
    {
        foreach (var (kind, term, parent) in KindTable)
        {
            Assert.That(kind.Scheme, Is.EqualTo(Infra), term);
            Assert.That(kind.Term, Is.EqualTo(term));
            Assert.That(kind.Parent, Is.SameAs(parent), term);
        }
    }

    [Test]
    public void Every_kind_has_a_collection_location_ending_in_a_slash()
    {
        foreach (var (kind, term, _) in KindTable)
            Assert.That(kind.Location, Does.StartWith("/").And.EndWith("/"), term);
    }

    [TestCaseSource(nameof(KindAttributeTables))]
    public void Kind_defines_exactly_the_spec_attributes(Kind kind, SpecAttribute[] table) =>
        Assert.That(kind.Attributes.Select(a => a.Name), Is.EquivalentTo(table.Select(a => a.Name)));

    [TestCaseSource(nameof(KindAttributeTables))]
    public void Kind_attributes_have_the_spec_type_mutability_and_values(Kind kind, SpecAttribute[] table) =>
        Assert.That(table.SelectMany(a => a.Mismatches(kind)), Is.Empty);

    [Test]
    public void Compute_state_values_are_exactly_the_four_of_the_spec() =>
        Assert.That(Compute.Kind.Attributes[Compute.State]!.EnumValues, Is.EquivalentTo(new[] { "active", "inactive", "suspended", "error" }));

    // Multiplicity 1 for a state attribute: a new entity must have one, so the kind gives a default.
    [TestCaseSource(nameof(KindAttributeTables))]
    public void State_attribute_has_a_default_among_its_values(Kind kind, SpecAttribute[] table)
    {
        var state = kind.Attributes.Single(a => a.Name.EndsWith(".state", StringComparison.Ordinal));
        Assert.That(state.Default, Is.Not.Null);
        Assert.That(state.EnumValues, Does.Contain(state.Default!.Value.AsString));
    }

    // GFD.184 Table 6: occi.storage.size has multiplicity 1.
    [Test]
    public void Storage_size_is_required() =>
        Assert.That(Storage.Kind.Attributes[Storage.Size]!.Required, Is.True);
}
