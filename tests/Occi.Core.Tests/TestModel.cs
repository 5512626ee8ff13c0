using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Tests;

/// <summary>A small model in the shape of OCCI Infrastructure, built here so Core is tested on its own.</summary>
internal static class TestModel
{
    public const string Scheme = "http://example.org/occi#";

    public static readonly OcciAction Start = new("http://example.org/occi/machine/action#", "start");

    public static readonly OcciAction Stop = new("http://example.org/occi/machine/action#", "stop", attributes:
    [
        new AttributeDefinition("method", AttributeType.Enum, enumValues: ["graceful", "poweroff"]),
        new AttributeDefinition("reason", AttributeType.String, required: true),
    ]);

    public static readonly Kind Machine = new(Scheme, "machine", "Machine", CoreCategories.Resource, "/machine/",
    [
        new AttributeDefinition("example.machine.cores", AttributeType.Integer),
        new AttributeDefinition("example.machine.memory", AttributeType.Number),
        new AttributeDefinition("example.machine.state", AttributeType.Enum, mutable: false, enumValues: ["on", "off"], @default: "off"),
        new AttributeDefinition("example.machine.serial", AttributeType.String, mutable: false),
        new AttributeDefinition("example.machine.owner", AttributeType.String, required: true),
    ], [Start, Stop]);

    /// <summary>A kind without a location: nothing can be made of it directly.</summary>
    public static readonly Kind AbstractDevice = new(Scheme, "device", "Device", CoreCategories.Resource);

    public static readonly Kind Wire = new(Scheme, "wire", "Wire", CoreCategories.Link, "/link/wire/",
        [new AttributeDefinition("example.wire.speed", AttributeType.Integer)]);

    public static readonly Mixin Base = new(Scheme, "base", "Base template", "/mixin/base/", applies: [Machine.Id]);

    public static readonly Mixin Small = new("http://example.org/templates#", "small", "Small", "/mixin/base/small/",
        depends: [Base], applies: [Machine.Id],
        attributes: [new AttributeDefinition("example.machine.size", AttributeType.String, @default: "s")]);

    public static readonly Mixin Tag = new("http://example.org/tags#", "blue", "Blue", "/tags/blue/", isUserDefined: true);

    public static readonly Mixin WireOnly = new(Scheme, "shielded", "Shielded", "/mixin/shielded/", applies: [Wire.Id],
        attributes: [new AttributeDefinition("example.wire.shield", AttributeType.Boolean)]);

    public static readonly Mixin Labelled = new(Scheme, "labelled", "Labelled", "/mixin/labelled/",
        attributes: [new AttributeDefinition("example.label", AttributeType.String)]);

    public static CategoryRegistry Registry() => new([Machine, AbstractDevice, Wire, Small, Tag, WireOnly, Labelled]);

    public static CategorySnapshot Snapshot() => Registry().Current;

    public static Resource NewMachine(params (string Name, AttributeValue Value)[] attributes)
    {
        var r = new Resource { Kind = Machine.Id, Id = "m1" };
        r.Attributes["example.machine.owner"] = "alice";
        foreach (var (name, value) in attributes) r.Attributes[name] = value;
        return r;
    }

    public static Link NewWire(string source = "/machine/m1", string target = "/machine/m2") =>
        new() { Kind = Wire.Id, Id = "w1", Source = source, Target = target };
}
