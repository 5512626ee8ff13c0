using Occi.Backends.OpenStack.Compute;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// Whether a Nova server still runs from an image (nova api-ref, servers.inc: GET /servers?image=). Glance deletes an
/// image a server was booted from without a word, but Nova needs it again to rebuild, evacuate or resize that server
/// elsewhere, so the gateway keeps an appliance's image while one does (the "kept until released"). The
/// project's servers are asked (all projects' when the account is an admin: a shared or public image may be used there).
/// </summary>
internal sealed class NovaImageUse(OpenStackHttp http, OpenStackOptions options)
{
    private readonly OpenStackService _nova = OpenStackService.Compute(options.NovaMicroversion);

    public async Task<bool> InUseAsync(ICredential credential, string imageId, CancellationToken ct)
    {
        var admin = (await credential.TokenAsync(ct)).IsAdmin;
        var path = $"servers?image={Uri.EscapeDataString(imageId)}&limit=1" + (admin ? "&all_tenants=1" : "");
        var servers = await http.SendAsync(credential, _nova, HttpMethod.Get, path, NovaJson.Default.ServersEnvelope, null, ct);
        return servers?.Servers is { Count: > 0 };
    }
}
