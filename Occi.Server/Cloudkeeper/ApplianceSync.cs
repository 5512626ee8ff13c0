using Grpc.Core;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// What each call of the core does to the cloud, the catalog and the model, one call at a time (the core makes
/// one at a time; a second core, or a call racing reconciliation, waits). An appliance is registered in this
/// order: stage and verify the image, convert it if the backend needs, register it with the backend, journal it,
/// publish its mixin. Any failure before the journal leaves the catalog and the model as they were; the backend
/// may hold an image the catalog does not name, which <see cref="ReconcileAsync"/> removes. Errors are gRPC
/// statuses with a message that says what was wrong (the core exits with code 12 on any).
/// </summary>
internal sealed class ApplianceSync(ApplianceCatalog catalog, IApplianceImages images, ImageStaging staging, CategoryRegistry registry,
    Func<string, IReadOnlySet<string>?> tenantsOfVo, TimeProvider clock, ILogger<ApplianceSync> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>AddAppliance and UpdateAppliance: the appliance with its new image, replacing any earlier one under the same term.</summary>
    public Task RegisterAsync(Appliance appliance, CancellationToken ct) => Serialised(async () =>
    {
        Check(appliance);
        if (appliance.Image is null)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"appliance {appliance.Identifier} comes without an image"));
        var term = catalog.Find(appliance.Identifier)?.Term ?? ApplianceMixins.TermOf(appliance.Identifier);
        var record = RecordOf(appliance, term, ImageOf(appliance.Image));
        CheckHeld(record);
        var staged = await staging.StageAsync(appliance.Image, term, ct);
        string file = staged;
        try
        {
            var format = ImageConversion.NameOf(appliance.Image.Format);
            (file, format) = await ImageConversion.ToAcceptedAsync(staged, format, images.Formats, ct);
            await BackendAsync(() => images.RegisterAsync(new ApplianceImage(record, file, format, new FileInfo(file).Length), ct),
                $"registering the image of appliance {appliance.Identifier}");
            catalog.Put(record);
            Publish(record);
            log.LogInformation("Cloudkeeper: appliance {Identifier} ({Title}, {Vo}) registered as os_tpl {Term}", record.Identifier, record.Title, record.Vo, term);
        }
        finally
        {
            File.Delete(file);
        }
    }, ct);

    /// <summary>UpdateApplianceMetadata: comes without an image; the registered one stays.</summary>
    public Task UpdateMetadataAsync(Appliance appliance, CancellationToken ct) => Serialised(async () =>
    {
        Check(appliance);
        var known = catalog.Find(appliance.Identifier) is { Deprecated: false } k ? k
            : throw new RpcException(new Status(StatusCode.NotFound, $"no appliance {appliance.Identifier} is registered"));
        var record = RecordOf(appliance, known.Term, known.Image);
        CheckHeld(record);
        await BackendAsync(() => images.UpdateMetadataAsync(record, ct), $"updating the metadata of appliance {appliance.Identifier}");
        catalog.Put(record);
        Publish(record);
    }, ct);

    /// <summary>RemoveAppliance: removing what is not registered succeeds (a sync repeated after a crash).</summary>
    public Task RemoveAsync(Appliance appliance, CancellationToken ct) => Serialised(async () =>
    {
        if (catalog.Find(appliance.Identifier) is { } known) await WithdrawAsync(known, ct);
    }, ct);

    /// <summary>RemoveImageList: every appliance of the list; a list the gateway does not hold is NotFound.</summary>
    public Task RemoveImageListAsync(string imageList, CancellationToken ct) => Serialised(async () =>
    {
        var members = Current().Where(a => a.ImageListIdentifier == imageList).ToArray();
        if (members.Length == 0) throw UnknownList(imageList);
        foreach (var a in members) await WithdrawAsync(a, ct);
    }, ct);

    /// <summary>RemoveExpiredAppliances: those whose expiration_date (Unix seconds) has passed.</summary>
    public Task RemoveExpiredAsync(CancellationToken ct) => Serialised(async () =>
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var a in Current().Where(a => a.ExpirationDate > 0 && a.ExpirationDate <= now).ToArray()) await WithdrawAsync(a, ct);
    }, ct);

    /// <summary>ImageLists: the identifiers of the lists with an appliance registered.</summary>
    public IReadOnlyList<string> ImageLists() => Current().Select(a => a.ImageListIdentifier).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Appliances: those of one list, each with its image and digest (the core compares them and crashes on a missing one).</summary>
    public IReadOnlyList<Appliance> Appliances(string imageList)
    {
        var members = Current().Where(a => a.ImageListIdentifier == imageList).OrderBy(a => a.Identifier, StringComparer.Ordinal).ToArray();
        return members.Length == 0 ? throw UnknownList(imageList) : members.Select(ToMessage).ToArray();
    }

    /// <summary>
    /// Puts the model, the catalog and the backend in agreement: publishes every catalogued appliance, removes
    /// images the backend holds that the catalog does not name (a crash between registering and journaling), and
    /// retries deprecated appliances whose images a compute held. At start and every Occi:Cloudkeeper:ReconcileSeconds.
    /// </summary>
    public Task ReconcileAsync(CancellationToken ct) => Serialised(async () =>
    {
        foreach (var a in catalog.All) Publish(a);
        var named = catalog.All.Select(a => a.Term).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in (await images.ListAsync(ct)).Where(t => !named.Contains(t)))
        {
            log.LogInformation("Cloudkeeper: removing image {Term}, which no appliance names (a registration cut short)", orphan);
            await images.RemoveAsync(orphan, ct);
        }
        foreach (var a in catalog.All.Where(a => a.Deprecated).ToArray()) await WithdrawAsync(a, ct);
    }, ct);

    private IEnumerable<ApplianceRecord> Current() => catalog.All.Where(a => !a.Deprecated);

    /// <summary>Removes the appliance's images, or, while a compute uses one, keeps it with its mixin marked deprecated.</summary>
    private async Task WithdrawAsync(ApplianceRecord a, CancellationToken ct)
    {
        var removed = await BackendAsync(() => images.RemoveAsync(a.Term, ct), $"removing the image of appliance {a.Identifier}");
        if (removed)
        {
            catalog.Delete(a.Identifier);
            Unpublish(a);
            log.LogInformation("Cloudkeeper: appliance {Identifier} removed with os_tpl {Term}", a.Identifier, a.Term);
            return;
        }
        if (a.Deprecated) return;
        var deprecated = a with { Deprecated = true };
        catalog.Put(deprecated);
        Publish(deprecated);
        log.LogInformation("Cloudkeeper: appliance {Identifier} is kept deprecated while a compute uses its image", a.Identifier);
    }

    private void Publish(ApplianceRecord a)
    {
        var mixin = ApplianceMixins.Of(a, images.OsTemplateScheme, tenantsOfVo(a.Vo));
        while (true)
        {
            var model = registry.Current;
            if (model.Find(mixin.Id) is { } held && held is not Mixin { IsUserDefined: false })
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"os_tpl {mixin.Id} of appliance {a.Identifier} is taken by a {held.ClassName} of the model"));
            try
            {
                if (registry.TryUpdate(model, [mixin.Id], [mixin])) return;
            }
            catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"os_tpl {mixin.Id} of appliance {a.Identifier}: {e.Message}"));
            }
        }
    }

    private void Unpublish(ApplianceRecord a)
    {
        var id = new CategoryId(images.OsTemplateScheme, a.Term);
        while (true)
        {
            var model = registry.Current;
            if (model.Find(id) is null || registry.TryUpdate(model, [id], [])) return;
        }
    }

    private async Task Serialised(Func<Task> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A backend failure is the cloud's, not the core's input: Unavailable, which the core retries on its next run.</summary>
    private static async Task<T> BackendAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (OcciException e)
        {
            throw new RpcException(new Status(e.Kind == OcciErrorKind.BadRequest ? StatusCode.InvalidArgument : StatusCode.Unavailable, $"{what} failed: {e.Message}"));
        }
    }

    private static Task BackendAsync(Func<Task> call, string what) => BackendAsync(async () => { await call(); return true; }, what);

    private static void Check(Appliance a)
    {
        if (string.IsNullOrWhiteSpace(a.Identifier))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "an appliance needs its identifier"));
        if (string.IsNullOrWhiteSpace(a.ImageListIdentifier))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"appliance {a.Identifier} needs its image_list_identifier"));
    }

    /// <summary>An appliance the backend cannot hold (OpenStack: a VO no project is mapped to) is the operator's to fix: FailedPrecondition, nothing registered.</summary>
    private void CheckHeld(ApplianceMetadata metadata)
    {
        if (images.CannotHold(metadata) is { } why)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"appliance {metadata.Identifier} cannot be registered: {why}"));
    }

    private static RpcException UnknownList(string imageList) =>
        new(new Status(StatusCode.NotFound, $"no image list '{imageList}' is registered"));

    private static ImageRecord ImageOf(Image i) => new((int)i.Mode, (int)i.Format, i.Uri, i.Checksum.ToLowerInvariant(), i.Size, i.Digest);

    private static ApplianceRecord RecordOf(Appliance a, string term, ImageRecord image) => new(term, a.Identifier)
    {
        Title = a.Title, Description = a.Description, Mpuri = a.Mpuri, Group = a.Group,
        Ram = a.Ram, Core = a.Core, Version = a.Version, Architecture = a.Architecture, OperatingSystem = a.OperatingSystem, Vo = a.Vo,
        ExpirationDate = a.ExpirationDate, ImageListIdentifier = a.ImageListIdentifier, BaseMpuri = a.BaseMpuri, Appid = a.Appid,
        Digest = a.Digest, Image = image,
    };

    private static Appliance ToMessage(ApplianceRecord a) => new()
    {
        Identifier = a.Identifier, Title = a.Title, Description = a.Description, Mpuri = a.Mpuri, Group = a.Group, Ram = a.Ram, Core = a.Core,
        Version = a.Version, Architecture = a.Architecture, OperatingSystem = a.OperatingSystem, Vo = a.Vo, ExpirationDate = a.ExpirationDate,
        ImageListIdentifier = a.ImageListIdentifier, BaseMpuri = a.BaseMpuri, Appid = a.Appid, Digest = a.Digest,
        Image = new Image
        {
            Mode = (Image.Types.Mode)a.Image.Mode, Format = (Image.Types.Format)a.Image.Format, Uri = a.Image.Uri,
            Checksum = a.Image.Checksum, Size = a.Image.Size, Digest = a.Image.Digest,
        },
    };
}
