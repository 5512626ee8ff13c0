using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>Checks <c>Occi:OpenStack:Appliances</c> at start, each failure naming its key.</summary>
internal sealed class OpenStackApplianceOptionsValidator(IConfiguration configuration) : IValidateOptions<OpenStackApplianceOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenStackApplianceOptions o)
    {
        var failures = new List<string>();
        var section = OpenStackApplianceOptions.Section;
        foreach (var (vo, project) in o.Projects)
            if (string.IsNullOrWhiteSpace(project)) failures.Add($"{section}:Projects:{vo} must name a project");
        // A project scope is asked for with a password; an application credential is scoped once, by Keystone.
        if (o.Projects.Count > 0 && configuration[OpenStackOptions.Section + ":Username"] is not { Length: > 0 })
            failures.Add($"{section}:Projects needs {OpenStackOptions.Section}:Username (a password account, which can act in each mapped project)");
        if (o.Visibility is not ("private" or "shared" or "community" or "public"))
            failures.Add($"{section}:Visibility '{o.Visibility}' must be private, shared, community or public");
        if (o.UploadTimeoutSeconds is < 1 or > 7 * 24 * 60 * 60)
            failures.Add($"{section}:UploadTimeoutSeconds must be between 1 and 604800");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
