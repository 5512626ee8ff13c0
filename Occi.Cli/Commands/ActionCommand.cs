using System.CommandLine;
using Occi.Cli.Protocol;
using Occi.Core.Attributes;

namespace Occi.Cli.Commands;

/// <summary>
/// `occi action &lt;location&gt; stop --method graceful`: triggers an action (GFD.185 §3.5.4: POST location?action=term
/// with the action's category). The action is looked up among the actions of the entity's kind in the server's model.
/// Prints the entity when the server answers with it.
/// </summary>
internal static class ActionCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var location = new Argument<string>("location") { Description = "The entity's location" };
        var action = new Argument<string>("action") { Description = "The action's term (start, stop, restart, suspend, …) or identity" };
        var method = new Option<string?>("--method") { Description = "The action's method attribute, e.g. graceful, acpioff, poweroff, cold, warm" };
        var attributes = AttributeArguments.Create();
        var command = new Command("action", "Trigger an action on an entity") { location, action, method, attributes };
        command.SetAction(options, env, async (run, cancel) =>
        {
            var p = run.Parse;
            var given = AttributeArguments.Read(p.GetValue(attributes));
            if (p.GetValue(method) is { } m) given.Insert(0, new KeyValuePair<string, AttributeValue>("method", m));
            var at = run.Session.Resolve(p.GetValue(location)!);
            var model = await run.Session.ModelAsync(cancel);
            var name = p.GetValue(action)!;
            var kind = model.KindAt(at);
            var found = model.FindAction(name, kind)
                ?? throw OcciFailure.Usage($"the server has no action '{name}'" + (kind is null ? "" : $" for {kind.Term}"));
            var target = new UriBuilder(at) { Query = "action=" + Uri.EscapeDataString(found.Term) }.Uri;
            var answer = await run.Session.SendAsync(HttpMethod.Post, target, RequestBody.Action(found, given, run.Session.Format),
                run.Session.Format.IsJson ? WireFormat.Json : run.Session.Format.MediaType, cancel);
            if (answer.Read(model.Snapshot).Entities.FirstOrDefault() is { } entity)
            {
                entity.Location ??= at.AbsolutePath;
                run.Printer.Entity(entity, at);
            }
        });
        return command;
    }
}
