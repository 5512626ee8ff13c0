using System.CommandLine;
using Occi.Cli.Protocol;
using Occi.Core.Model;

namespace Occi.Cli.Commands;

/// <summary>
/// `occi mixin list [mixin]`, `occi mixin add|remove &lt;mixin&gt; &lt;location&gt;…`: the server's mixins, a mixin's
/// members, and membership changed through the mixin's collection (GFD.185 §3.4.4: POST adds, DELETE removes the
/// locations given).
/// </summary>
internal static class MixinCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var listed = new Argument<string?>("mixin") { Description = "A mixin by term, identity, title or location", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "List the server's mixins, or the entities a mixin is applied to") { listed };
        list.SetAction(options, env, async (run, cancel) =>
        {
            var model = await run.Session.ModelAsync(cancel);
            if (run.Parse.GetValue(listed) is not { } name)
            {
                run.Printer.Categories(model.Mixins, model.Absolute);
                return;
            }
            var mixin = Find(model, name);
            run.Printer.Locations(await run.Session.ListAsync(model.Absolute(mixin.Location!), null, cancel));
        });
        return new Command("mixin", "Mixins and their members") { list, Membership("add", HttpMethod.Post, options, env), Membership("remove", HttpMethod.Delete, options, env) };
    }

    private static Command Membership(string name, HttpMethod method, GlobalOptions options, CliEnvironment env)
    {
        var mixinArgument = new Argument<string>("mixin") { Description = "A mixin by term, identity, title or location" };
        var locations = new Argument<string[]>("location") { Description = "The entities' locations", Arity = ArgumentArity.OneOrMore };
        var command = new Command(name, name == "add" ? "Apply a mixin to entities" : "Take a mixin off entities") { mixinArgument, locations };
        command.SetAction(options, env, async (run, cancel) =>
        {
            var model = await run.Session.ModelAsync(cancel);
            var mixin = Find(model, run.Parse.GetValue(mixinArgument)!);
            var members = run.Parse.GetValue(locations)!.Select(l => run.Session.Resolve(l).AbsolutePath).ToList();
            await run.Session.SendAsync(method, model.Absolute(mixin.Location!), RequestBody.Locations(members, run.Session.Format, run.Session.Endpoint),
                run.Session.Format.Accept, cancel);
        });
        return command;
    }

    private static Mixin Find(ServerModel model, string name)
    {
        var mixin = model.FindMixin(name) ?? throw new OcciFailure(ExitCode.NotFound, $"the server has no mixin '{name}' (occi mixin list)");
        return mixin.Location is null ? throw new OcciFailure(ExitCode.NotFound, $"the mixin {mixin.Id} has no location on this server") : mixin;
    }
}
