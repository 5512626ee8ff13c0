using System.Text.RegularExpressions;

namespace Occi.Server.Tests.Architecture;

/// <summary>
/// Occi.Server's folders name each other one way only (docs/ARCHITECTURE.md, "What may import what"):
/// Http → Operations → Entities, Background → Entities, and Hosting, which composes, names them all while
/// nothing names it. Read from the sources, so a forbidden reference fails here naming its file.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>
    /// The folders each folder's code may name, besides itself. Everything outside Occi.Server (Core,
    /// Infrastructure, Rendering, the framework) is open to all; "" is the project's root (Program.cs).
    /// A new folder (Auth/) gets its row here before it may be named.
    /// </summary>
    private static readonly Dictionary<string, string[]> MayName = new()
    {
        [""] = ["Hosting"],
        ["Hosting"] = ["Http", "Operations", "Entities", "Background", "Backends", "Auth", "Telemetry", "Cloudkeeper", "Dashboard", "RuntimeKinds"],
        ["Http"] = ["Operations", "Entities", "Auth"],
        ["Auth"] = [],
        ["Operations"] = ["Entities", "RuntimeKinds"],
        ["Entities"] = ["RuntimeKinds"],
        ["Background"] = ["Entities", "RuntimeKinds"],
        ["Backends"] = [],
        ["Telemetry"] = ["Backends"],
        ["Cloudkeeper"] = ["Auth"],
        ["Dashboard"] = [],
        ["RuntimeKinds"] = ["Backends"],
    };

    /// <summary>ASP.NET Core's HTTP types, which the Web SDK's implicit usings put in scope everywhere: Operations takes plain types.</summary>
    private static readonly Regex HttpTypes = new(
        @"\bMicrosoft\.AspNetCore\b|\b(HttpContext|HttpRequest|HttpResponse|IHeaderDictionary|IQueryCollection|IFormCollection|StatusCodes|PathString|QueryString|StringValues)\b",
        RegexOptions.Compiled);

    /// <summary>A folder's namespace named in code: "using Occi.Server.Http;", "Occi.Server.Http.PathResolver".</summary>
    private static readonly Regex Qualified = new(@"\bOcci\.Server\.(?<folder>\w+)", RegexOptions.Compiled);

    /// <summary>
    /// A folder's namespace named relative to Occi.Server, which code inside it may do without a using
    /// ("Entities.WriteCondition"); a member access ("call.Request.Entities") is preceded by a dot and is not one.
    /// </summary>
    private static readonly Regex RelativeName = new(@"(?<![\w.])(?<folder>[A-Z]\w*)\.[A-Z]", RegexOptions.Compiled);

    [Test]
    public void Every_folder_names_only_the_folders_it_may()
    {
        var wrong = new List<string>();
        foreach (var (file, folder) in Sources())
        {
            Assert.That(MayName.ContainsKey(folder), $"Occi.Server/{folder}/ has no row in {nameof(MayName)}: say which folders it may name");
            foreach (var named in NamedFolders(Code(file)))
                if (named != folder && !MayName[folder].Contains(named))
                    wrong.Add($"{Relative(file)} names Occi.Server.{named} ({Describe(folder)} may name {string.Join(", ", MayName[folder].DefaultIfEmpty("no other folder"))})");
        }
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Operations_use_no_http_types()
    {
        var wrong = new List<string>();
        foreach (var (file, folder) in Sources())
        {
            if (folder != "Operations") continue;
            foreach (Match m in HttpTypes.Matches(Code(file))) wrong.Add($"{Relative(file)} uses {m.Value}");
        }
        Assert.That(wrong, Is.Empty, "Operations take and return plain types; Http turns requests into them and results into answers");
    }

    [Test]
    public void Namespaces_follow_folders()
    {
        var wrong = new List<string>();
        foreach (var (file, folder) in Sources())
        {
            if (Regex.Match(File.ReadAllText(file), @"^namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline) is not { Success: true } declared) continue;
            var ns = declared.Groups["ns"].Value;
            // A sub-folder is a namespace inside its folder's (Auth/Basic: Occi.Server.Auth.Basic).
            var folders = Path.GetDirectoryName(Path.GetRelativePath(ServerRoot(), file))!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var expected = string.Join('.', ["Occi.Server", .. folders]);
            // The options classes live with the composition that binds them, in the root namespace every feature reads them from.
            if (ns != expected && !(folder == "Hosting" && ns == "Occi.Server")) wrong.Add($"{Relative(file)} declares {ns}, not {expected}");
        }
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void The_allowed_directions_have_no_cycle()
    {
        foreach (var start in MayName.Keys)
        {
            var seen = new HashSet<string>();
            var next = new Queue<string>(MayName[start]);
            while (next.TryDequeue(out var folder))
            {
                Assert.That(folder, Is.Not.EqualTo(start), $"{Describe(start)} may name itself through others");
                if (seen.Add(folder)) foreach (var f in MayName.GetValueOrDefault(folder, [])) next.Enqueue(f);
            }
        }
    }

    private static IEnumerable<string> NamedFolders(string code)
    {
        var folders = new HashSet<string>();
        foreach (Match m in Qualified.Matches(code)) folders.Add(m.Groups["folder"].Value);
        foreach (Match m in RelativeName.Matches(code))
            if (MayName.ContainsKey(m.Groups["folder"].Value)) folders.Add(m.Groups["folder"].Value);
        folders.Remove("");
        return folders;
    }

    /// <summary>The file without comments: a cref or a sentence naming another folder is no dependency.</summary>
    private static string Code(string file) =>
        string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    private static string Describe(string folder) => folder.Length == 0 ? "the project root" : folder;

    private static string Relative(string file) => Path.GetRelativePath(ServerRoot(), file).Replace('\\', '/');

    /// <summary>Each .cs file of Occi.Server with its top folder ("" at the root), build output left out.</summary>
    private static IEnumerable<(string File, string Folder)> Sources()
    {
        var root = ServerRoot();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (parts[0] is "bin" or "obj") continue;
            yield return (file, parts.Length == 1 ? "" : parts[0]);
        }
    }

    /// <summary>&lt;repo&gt;/Occi.Server, found from the test's output folder as the fixture tests find ../shared.</summary>
    private static string ServerRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "the repository (OcciGateway.sln) above the test's folder");
        return Path.Combine(dir!.FullName, "Occi.Server");
    }
}
