using System.CommandLine;
using Occi.Cli.Protocol;
using Occi.Core.Model;

namespace Occi.Cli.Commands;

/// <summary>
/// `occi link &lt;compute&gt; &lt;storage|network&gt;`: creates the link GFD.184 defines between them — a storagelink to a
/// storage, a networkinterface to a network (§3.4) — at the link kind's location from the model. Prints its location.
/// </summary>
internal static class LinkCommand
{
    private const string Infrastructure = "http://schemas.ogf.org/occi/infrastructure#";

    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var source = new Argument<string>("source") { Description = "The compute's location" };
        var target = new Argument<string>("target") { Description = "The storage's or network's location" };
        var kindOption = new Option<string?>("--kind") { Description = "The link kind, when the target's kind does not say (storagelink, networkinterface, …)" };
        var mixins = new Option<string[]>("--mixin") { Description = "A mixin of the link, e.g. ipnetworkinterface (repeatable)" };
        var attributes = AttributeArguments.Create();
        var command = new Command("link", "Link a compute to a storage or a network") { source, target, kindOption, mixins, attributes };
        command.SetAction(options, env, async (run, cancel) =>
        {
            var p = run.Parse;
            var extra = AttributeArguments.Read(p.GetValue(attributes));
            var from = run.Session.Resolve(p.GetValue(source)!);
            var to = run.Session.Resolve(p.GetValue(target)!);
            var model = await run.Session.ModelAsync(cancel);
            var targetKind = model.KindAt(to);
            var kind = LinkKind(model, p.GetValue(kindOption), targetKind);
            if (kind.Location is null) throw new OcciFailure(ExitCode.NotFound, $"the link kind {kind.Id} has no location on this server");
            var link = new Link { Kind = kind.Id, Source = from.AbsolutePath, Target = to.AbsolutePath, TargetKind = targetKind?.Id, SourceKind = model.KindAt(from)?.Id };
            foreach (var name in p.GetValue(mixins) ?? [])
                link.Mixins.Add((model.FindMixin(name) ?? throw OcciFailure.Usage($"--mixin {name}: the server has no such mixin")).Id);
            foreach (var (name, value) in extra) link.Attributes[name] = value;
            var collection = model.Absolute(kind.Location);
            var answer = await run.Session.SendAsync(HttpMethod.Post, collection, RequestBody.Entity(link, run.Session.Format, run.Session.Endpoint),
                run.Session.Format.Accept, cancel);
            run.Printer.Locations([CreatedLocation.Of(answer, run.Session, model, collection)]);
        });
        return command;
    }

    private static Kind LinkKind(ServerModel model, string? given, Kind? targetKind)
    {
        if (given is not null) return model.FindKind(given) ?? throw OcciFailure.Usage($"--kind {given}: the server has no such kind");
        string? term = null;
        for (var k = targetKind; k is not null && term is null; k = k.Parent)
            term = k.Id.Identity switch
            {
                Infrastructure + "storage" => "storagelink",
                Infrastructure + "network" => "networkinterface",
                _ => null,
            };
        if (term is null)
            throw OcciFailure.Usage("the target is neither a storage nor a network of this server: give the link kind with --kind");
        return model.FindKind(Infrastructure + term) ?? throw new OcciFailure(ExitCode.NotFound, $"the server's model has no {term} kind");
    }
}
