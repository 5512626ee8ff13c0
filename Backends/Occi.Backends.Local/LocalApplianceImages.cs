using System.Globalization;
using System.Text.Json;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Journal;

namespace Occi.Backends.Local;

/// <summary>
/// Cloudkeeper's appliance images in the simulated cloud (issue 16): each term a folder of
/// <c>&lt;Occi:DataPath&gt;/local-appliances</c> holding its images as <c>NNNNNN.&lt;format&gt;</c>, each with its template
/// record <c>NNNNNN.json</c> (the AppDB identity, format and size) written after the image: the highest number with a
/// record is the image new computes get. Older images, and a removed term's, stay while a compute carries the term's
/// os_tpl mixin. Calls come one at a time from the server's sync.
/// </summary>
internal sealed class LocalApplianceImages(LocalBackend backend) : IApplianceImages
{
    public const string FolderName = "local-appliances";

    private readonly string _root = Path.Combine(Path.GetFullPath(backend.Options.DataPath), FolderName);

    public string OsTemplateScheme => backend.Options.OsTemplateScheme;

    /// <summary>The simulator keeps any format as it comes.</summary>
    public IReadOnlyList<string> Formats { get; } = ["qcow2", "raw", "vmdk", "ova"];

    public Task RegisterAsync(ApplianceImage image, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, image.Term);
        Directory.CreateDirectory(folder);
        var held = Records(folder);
        var next = held.Count == 0 ? 1 : held[^1].Sequence + 1;
        var name = next.ToString("D6", CultureInfo.InvariantCulture);
        File.Copy(image.File, Path.Combine(folder, $"{name}.{image.Format}"), overwrite: true);
        WriteRecord(folder, name, RecordOf(image.Appliance, image.Format, image.Size));
        if (!InUse(image.Term))
            foreach (var (_, older) in held) Delete(folder, older);
        return Task.CompletedTask;
    }

    /// <summary>The simulator holds any appliance.</summary>
    public string? CannotHold(ApplianceMetadata appliance) => null;

    /// <summary>Rewrites the newest image's template record with the new metadata; the image file stays.</summary>
    public Task UpdateMetadataAsync(ApplianceMetadata appliance, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, appliance.Term);
        if (!Directory.Exists(folder) || Records(folder) is not [.., var (_, newest)]) return Task.CompletedTask;
        var path = Path.Combine(folder, newest + ".json");
        var held = JsonSerializer.Deserialize(File.ReadAllBytes(path), LocalApplianceJson.Default.LocalApplianceRecord);
        if (held is not null) WriteRecord(folder, newest, RecordOf(appliance, held.Format, held.Size));
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string term, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, term);
        if (!Directory.Exists(folder)) return Task.FromResult(true);
        if (InUse(term)) return Task.FromResult(false);
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.Exists(_root) ? Directory.GetDirectories(_root).Select(Path.GetFileName).OfType<string>().ToArray() : []);

    private static LocalApplianceRecord RecordOf(ApplianceMetadata a, string format, long size) =>
        new(a.Identifier, a.Title, a.Vo, a.Version, a.ImageListIdentifier, format, size);

    private static void WriteRecord(string folder, string name, LocalApplianceRecord record) =>
        AtomicFile.Replace(Path.Combine(folder, name + ".json"), s => JsonSerializer.Serialize(s, record, LocalApplianceJson.Default.LocalApplianceRecord));

    private bool InUse(string term) => backend.AnyComputeWith(new CategoryId(OsTemplateScheme, term));

    /// <summary>The images of a term with a record, oldest first; an image without one is a copy cut short.</summary>
    private static List<(int Sequence, string Name)> Records(string folder) =>
        Directory.GetFiles(folder, "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Select(n => (Ok: int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var seq), Seq: seq, Name: n))
            .Where(r => r.Ok)
            .OrderBy(r => r.Seq)
            .Select(r => (r.Seq, r.Name))
            .ToList();

    private static void Delete(string folder, string name)
    {
        foreach (var file in Directory.GetFiles(folder, name + ".*").OrderBy(f => f.EndsWith(".json", StringComparison.Ordinal) ? 1 : 0)) File.Delete(file);
    }
}

internal sealed record LocalApplianceRecord(string Identifier, string Title, string Vo, string Version, string ImageListIdentifier, string Format, long Size);

[System.Text.Json.Serialization.JsonSerializable(typeof(LocalApplianceRecord))]
internal sealed partial class LocalApplianceJson : System.Text.Json.Serialization.JsonSerializerContext;
