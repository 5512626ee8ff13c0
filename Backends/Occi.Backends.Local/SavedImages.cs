using System.Text;
using System.Text.Json;

namespace Occi.Backends.Local;

/// <summary>
/// The images a compute's save action made (GFD.224: save snapshots the system into a new os_tpl), kept in
/// <c>local-backend-images.json</c> in the data folder. Saves are rare, so the file is simply rewritten
/// whole (to a temporary file, then moved over the old one) and is always complete. Guarded by the
/// backend's write lock.
/// </summary>
internal sealed class SavedImages
{
    public const string FileName = "local-backend-images.json";

    private readonly string _path;
    private readonly List<OsTemplateOption> _images;

    private SavedImages(string path, List<OsTemplateOption> images) => (_path, _images) = (path, images);

    public IReadOnlyList<OsTemplateOption> All => _images;

    public static SavedImages Open(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var images = File.Exists(path)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(path), SavedImagesJson.Default.ListOsTemplateOption) ?? []
            : [];
        return new SavedImages(path, images);
    }

    /// <summary>Records an image saved from a compute under a term derived from <paramref name="name"/> and unused so far.</summary>
    public OsTemplateOption Add(string? name, string computeId, Func<string, bool> termTaken)
    {
        var baseTerm = TermFrom(name) ?? TermFrom("image-" + computeId)!;
        var term = baseTerm;
        for (var n = 2; termTaken(term) || _images.Any(i => i.Term == term); n++) term = $"{baseTerm}-{n}";
        // The title shows in the query interface, which rOCCI-cli reads in text/occi splitting on every comma.
        var image = new OsTemplateOption(term, string.IsNullOrWhiteSpace(name) ? $"Saved from compute {computeId}" : name.Trim().Replace(',', ';'));
        var next = new List<OsTemplateOption>(_images) { image };
        var temp = _path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(next, SavedImagesJson.Default.ListOsTemplateOption));
        File.Move(temp, _path, overwrite: true);
        _images.Add(image);
        return image;
    }

    /// <summary>A category term (GFD.183: a letter, then letters, digits, '-', '_') from free text; null when none is left.</summary>
    private static string? TermFrom(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var term = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_') term.Append(c);
            else if (term.Length > 0 && term[^1] != '-') term.Append('-');
        }
        var result = term.ToString().Trim('-');
        if (result.Length == 0) return null;
        return char.IsAsciiLetterLower(result[0]) ? result : "image-" + result;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<OsTemplateOption>))]
internal sealed partial class SavedImagesJson : System.Text.Json.Serialization.JsonSerializerContext;
