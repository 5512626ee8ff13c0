using System.CommandLine;
using System.Text;
using Occi.Cli.Protocol;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;

namespace Occi.Cli.Commands;

/// <summary>
/// `occi create compute --os-tpl X --resource-tpl Y --ssh-key FILE --user-data FILE [--title T] [--wait]`: a compute
/// from the server's templates, with GFD.224 §3.6's ssh_key and user_data mixins (user data base64-encoded, as both
/// specifications say), POSTed to the compute kind's location from the model. Prints the new location.
/// </summary>
internal static class CreateComputeCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var osTpl = new Option<string?>("--os-tpl") { Description = "The OS template: term, identity, title or location of an os_tpl mixin" };
        var resourceTpl = new Option<string?>("--resource-tpl") { Description = "The resource template (flavour): term, identity, title or location of a resource_tpl mixin" };
        var sshKey = new Option<FileInfo?>("--ssh-key") { Description = "A public key file to inject (ssh_key mixin)" };
        var userData = new Option<FileInfo?>("--user-data") { Description = "A file of contextualization data, e.g. cloud-init (user_data mixin)" };
        var title = new Option<string?>("--title") { Description = "occi.core.title" };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait until the compute is active" };
        var waitTimeout = new Option<int>("--wait-timeout") { Description = "Seconds --wait waits at most", DefaultValueFactory = _ => 600 };
        var mixins = new Option<string[]>("--mixin") { Description = "Another mixin to apply (repeatable)" };
        var attributes = AttributeArguments.Create();
        var compute = new Command("compute", "Create a compute") { osTpl, resourceTpl, sshKey, userData, title, wait, waitTimeout, mixins, attributes };
        compute.SetAction(options, env, async (run, cancel) =>
        {
            var p = run.Parse;
            var extra = AttributeArguments.Read(p.GetValue(attributes));
            var key = Read(p.GetValue(sshKey), "--ssh-key");
            var data = Read(p.GetValue(userData), "--user-data");
            if (p.GetValue(waitTimeout) < 0) throw OcciFailure.Usage("--wait-timeout must be 0 or more seconds");

            var model = await run.Session.ModelAsync(cancel);
            var kind = model.FindKind("http://schemas.ogf.org/occi/infrastructure#compute")
                ?? throw new OcciFailure(ExitCode.NotFound, "the server's model has no compute kind");
            if (kind.Location is null) throw new OcciFailure(ExitCode.NotFound, "the server's compute kind has no location");
            var entity = new Resource { Kind = kind.Id };
            if (p.GetValue(osTpl) is { } os)
                entity.Mixins.Add((model.FindOsTemplate(os) ?? throw OcciFailure.Usage($"--os-tpl {os}: the server offers no such os_tpl (occi mixin list)")).Id);
            if (p.GetValue(resourceTpl) is { } size)
                entity.Mixins.Add((model.FindResourceTemplate(size) ?? throw OcciFailure.Usage($"--resource-tpl {size}: the server offers no such resource_tpl (occi mixin list)")).Id);
            foreach (var name in p.GetValue(mixins) ?? [])
                entity.Mixins.Add((model.FindMixin(name) ?? throw OcciFailure.Usage($"--mixin {name}: the server has no such mixin")).Id);
            if (key is not null)
            {
                entity.Mixins.Add(Contextualization.SshKey.Id);
                entity.Attributes[Contextualization.SshPublicKey] = key.Trim();
            }
            if (data is not null)
            {
                entity.Mixins.Add(Contextualization.UserData.Id);
                entity.Attributes[Contextualization.UserDataAttribute] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data));
            }
            if (p.GetValue(title) is { } t) entity.Attributes[Entity.TitleAttribute] = t;
            foreach (var (name, value) in extra) entity.Attributes[name] = value;

            var collection = model.Absolute(kind.Location);
            var answer = await run.Session.SendAsync(HttpMethod.Post, collection, RequestBody.Entity(entity, run.Session.Format, run.Session.Endpoint),
                run.Session.Format.Accept, cancel);
            var created = CreatedLocation.Of(answer, run.Session, model, collection);
            if (p.GetValue(wait)) await ComputeWait.UntilActiveAsync(run.Session, created, TimeSpan.FromSeconds(p.GetValue(waitTimeout)), run.Environment, cancel);
            run.Printer.Locations([created]);
        });
        return new Command("create", "Create an entity") { compute };
    }

    private static string? Read(FileInfo? file, string option)
    {
        if (file is null) return null;
        try { return File.ReadAllText(file.FullName); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OcciFailure.Usage($"{option} {file}: {e.Message}");
        }
    }
}
