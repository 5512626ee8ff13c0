using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.OpenStack.Templates;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// Cloudkeeper's appliances as Glance images (issue 16), as cloudkeeper-os registers them: in the project the
/// appliance's VO maps to (<see cref="ApplianceProjects"/>), the image created with its disk format and cloudkeeper-os's
/// properties (<see cref="ApplianceProperties"/>), then its bytes uploaded. An update registers a new image and deletes
/// the older ones no server runs from; UpdateApplianceMetadata patches the newest image's properties in place; removal
/// deletes the images no server runs from and keeps the others (the server marks the mixin deprecated and asks again at
/// each reconciliation). Glance is the record: the newest image of each term (by the gateway's sequence property) is the
/// one computes boot (<see cref="ApplianceImageIds"/>), found again from Glance after a restart. Calls come one at a
/// time from the server's sync.
/// </summary>
internal sealed class OpenStackApplianceImages(OpenStackOptions options, OpenStackApplianceOptions settings, ApplianceProjects projects,
    GlanceClient glance, GlanceRegistrations registrations, NovaImageUse use, ApplianceImageIds ids, TimeProvider time,
    ILogger<OpenStackApplianceImages> log) : IApplianceImages
{
    public string OsTemplateScheme => options.OsTemplateScheme;

    /// <summary>Glance disk formats as they come (an OVA is a container of one, which the server refuses or converts).</summary>
    public IReadOnlyList<string> Formats { get; } = ["qcow2", "raw", "vmdk"];

    public string? CannotHold(ApplianceMetadata appliance) => projects.For(appliance.Vo) is null
        ? $"its VO '{appliance.Vo}' maps to no OpenStack project (the operator maps it with {OpenStackApplianceOptions.Section}:Projects:{appliance.Vo})"
        : null;

    public async Task RegisterAsync(ApplianceImage image, CancellationToken cancellationToken)
    {
        var credential = CredentialOf(image.Appliance);
        var held = await HeldAsync(image.Term, cancellationToken);
        var sequence = held.Count == 0 ? 1 : held.Max(h => h.Sequence) + 1;
        var id = await registrations.CreateAsync(credential, ApplianceProperties.NameOf(image.Appliance), image.Format, settings.Visibility,
            image.Appliance.Ram, ApplianceProperties.Of(image.Appliance, options.GatewayTag, sequence), cancellationToken);
        try
        {
            await UploadAsync(credential, id, image.File, cancellationToken);
        }
        catch
        {
            // No half-registered image: the queued one goes (and a crash here leaves one that ListAsync removes).
            await registrations.DeleteAsync(credential, id, CancellationToken.None);
            throw;
        }
        ids.Set(image.Term, id);
        log.LogInformation("Glance image {Image} holds appliance {Identifier} (os_tpl {Term})", id, image.Appliance.Identifier, image.Term);
        foreach (var older in held) await DeleteUnusedAsync(older, cancellationToken);
    }

    public async Task UpdateMetadataAsync(ApplianceMetadata appliance, CancellationToken cancellationToken)
    {
        var newest = Newest(await HeldAsync(appliance.Term, cancellationToken))
            ?? throw new OcciException(OcciErrorKind.NotFound, $"Glance holds no image of appliance {appliance.Identifier} (deleted outside the gateway?)");
        var properties = ApplianceProperties.Of(appliance, options.GatewayTag, newest.Sequence);
        var removed = (newest.Image.Properties ?? []).Keys.Where(k => ApplianceProperties.IsMetadata(k) && !properties.ContainsKey(k)).ToArray();
        await registrations.PatchAsync(newest.Credential, newest.Image.Id, ApplianceProperties.NameOf(appliance), appliance.Ram,
            properties.Where(p => ApplianceProperties.IsMetadata(p.Key)).ToDictionary(), removed, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string term, CancellationToken cancellationToken)
    {
        var left = 0;
        foreach (var image in await HeldAsync(term, cancellationToken))
            if (!await DeleteUnusedAsync(image, cancellationToken)) left++;
        if (left == 0) ids.Forget(term);
        return left == 0;
    }

    /// <summary>
    /// The terms Glance holds images of, in every mapped project; on the way, what a crash left is cleared (an image
    /// never made active: its upload was cut short) and the image each term boots is learnt again.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<HeldImage>();
        foreach (var credential in projects.All) all.AddRange(await OwnAsync(credential, null, cancellationToken));
        foreach (var cut in all.Where(h => h.Image.Status != "active").ToArray())
        {
            log.LogInformation("Removing Glance image {Image} of os_tpl {Term}: its upload never finished ({Status})", cut.Image.Id, cut.Term, cut.Image.Status);
            await registrations.DeleteAsync(cut.Credential, cut.Image.Id, cancellationToken);
            all.Remove(cut);
        }
        var byTerm = all.GroupBy(h => h.Term, StringComparer.Ordinal).ToArray();
        ids.Replace(byTerm.Select(g => KeyValuePair.Create(g.Key, Newest(g)!.Image.Id)));
        return byTerm.Select(g => g.Key).ToArray();
    }

    private ICredential CredentialOf(ApplianceMetadata appliance) =>
        projects.For(appliance.Vo) ?? throw OcciException.BadRequest(CannotHold(appliance)!);

    private async Task UploadAsync(ICredential credential, string id, string file, CancellationToken ct)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(settings.UploadTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        try
        {
            await registrations.UploadAsync(credential, id, file, linked.Token);
        }
        catch (OperationCanceledException e) when (bound.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new OcciException(OcciErrorKind.Unavailable,
                $"Glance did not take the image within {OpenStackApplianceOptions.Section}:UploadTimeoutSeconds ({settings.UploadTimeoutSeconds} s)", e);
        }
    }

    /// <summary>Deletes the image unless a server runs from it; true when it is gone.</summary>
    private async Task<bool> DeleteUnusedAsync(HeldImage held, CancellationToken ct)
    {
        if (await use.InUseAsync(held.Credential, held.Image.Id, ct))
        {
            log.LogInformation("Keeping Glance image {Image} of os_tpl {Term}: a server runs from it", held.Image.Id, held.Term);
            return false;
        }
        await registrations.DeleteAsync(held.Credential, held.Image.Id, ct);
        return true;
    }

    /// <summary>The term's images in every mapped project.</summary>
    private async Task<List<HeldImage>> HeldAsync(string term, CancellationToken ct)
    {
        var held = new List<HeldImage>();
        foreach (var credential in projects.All) held.AddRange(await OwnAsync(credential, term, ct));
        return held;
    }

    /// <summary>
    /// The gateway's appliance images the project owns (Glance filters by property; an image of another project that
    /// the project sees, a public one say, is that project's to manage), of one term or all.
    /// </summary>
    private async Task<IEnumerable<HeldImage>> OwnAsync(ICredential credential, string? term, CancellationToken ct)
    {
        var project = (await credential.TokenAsync(ct)).ProjectId;
        var filter = $"{GatewayMetadata.GatewayKey}={Uri.EscapeDataString(options.GatewayTag)}"
            + (term is null ? "" : $"&{ApplianceProperties.Term}={Uri.EscapeDataString(term)}");
        var images = await glance.ListImagesAsync(credential, ct, filter);
        return images.Select(i => (Image: i, Owner: Text(i, "owner"), Term: Text(i, ApplianceProperties.Term)))
            .Where(i => i.Owner == project && i.Term is { Length: > 0 } && (term is null || i.Term == term))
            .Select(i => new HeldImage(credential, i.Image, i.Term!,
                int.TryParse(Text(i.Image, ApplianceProperties.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0))
            .ToArray();
    }

    private static HeldImage? Newest(IEnumerable<HeldImage> held) => held.Where(h => h.Image.Status == "active").MaxBy(h => h.Sequence);

    private static string? Text(GlanceImage image, string property) =>
        image.Properties?.GetValueOrDefault(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private sealed record HeldImage(ICredential Credential, GlanceImage Image, string Term, int Sequence);
}
