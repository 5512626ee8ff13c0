using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Occi.Server.Tests.Architecture;

/// <summary>
/// The projects reference each other as the design draws them: Core ← Infrastructure ← Rendering ← Server;
/// backends and stores on Core and Infrastructure only (and the shared Occi.Journal); the server on backends
/// and stores only under an alias its code never opens, so naming one of their types does not compile; nothing
/// but tests and bench tools on the server; internals for test projects only. Read from the .csproj files and
/// the sources, so a forbidden reference fails here naming both ends.
/// </summary>
public sealed class ProjectReferenceTests
{
    /// <summary>
    /// The production projects each production project outside Backends/ and Storage/ may reference.
    /// A new project gets its row here before it may reference anything.
    /// </summary>
    private static readonly Dictionary<string, string[]> MayReference = new()
    {
        ["Occi.Core"] = [],
        ["Occi.Infrastructure"] = ["Occi.Core"],
        ["Occi.Rendering"] = ["Occi.Core", "Occi.Infrastructure"],
        // The append-only journal the embedded store and the local backend share (issue 12 item 3).
        ["Occi.Journal"] = [],
        // Besides the backends and stores it deploys, under the alias (Every_backend_and_store_…).
        ["Occi.Server"] = ["Occi.Core", "Occi.Infrastructure", "Occi.Rendering", "Occi.Journal"],
        // The `occi` client (issue 17): the server's own model, parsers and renderers, never the server.
        ["Occi.Cli"] = ["Occi.Core", "Occi.Infrastructure", "Occi.Rendering"],
    };

    /// <summary>What a backend (Backends/*) or a store (Storage/*) may reference: never the server, nor each other.</summary>
    private static readonly string[] ComponentMayReference = ["Occi.Core", "Occi.Infrastructure", "Occi.Journal"];

    /// <summary>
    /// The one backend → backend reference, and the internals that go with it (issue 18): Synnefo's Cyclades is OpenStack
    /// Compute v2.0 with extensions, so the Synnefo backend reuses the OpenStack backend's clients (docs/ARCHITECTURE.md).
    /// </summary>
    private static readonly (string From, string To) ComponentOnComponent = ("Occi.Backends.Synnefo", "Occi.Backends.OpenStack");

    private const string ComponentAlias = "components";

    private static readonly Regex ExternAlias = new(@"\bextern\s+alias\b");
    private static readonly Regex InternalsItem = new("<InternalsVisibleTo\\s+Include=\"(?<to>[^\"]+)\"");
    private static readonly Regex InternalsAttribute = new("InternalsVisibleTo\\(\\s*\"(?<to>[^\",]+)");

    [Test]
    public void Core_Infrastructure_Rendering_and_Server_reference_only_the_layers_below_them()
    {
        var wrong = new List<string>();
        foreach (var project in Projects().Where(p => p.Role == Role.Production))
        {
            Assert.That(MayReference.ContainsKey(project.Name), $"{project.Name} has no row in {nameof(MayReference)}: say what it may reference");
            foreach (var reference in project.References)
                if (!MayReference[project.Name].Contains(reference.Name) && !(project.Name == "Occi.Server" && reference.Project.Role == Role.Component))
                    wrong.Add($"{project.Name} → {reference.Name}");
        }
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Backends_and_stores_reference_only_Core_Infrastructure_and_the_journal()
    {
        var components = Projects().Where(p => p.Role == Role.Component).ToList();
        Assert.That(components.Select(p => p.Name), Does.Contain("Occi.Backends.Local").And.Contain("Occi.Storage.Embedded"));
        var wrong = components.SelectMany(p => p.References
            .Where(r => !ComponentMayReference.Contains(r.Name) && (p.Name, r.Name) != ComponentOnComponent)
            .Select(r => $"{p.Name} → {r.Name}"));
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_backend_and_store_is_deployed_with_the_server_under_an_alias()
    {
        var projects = Projects();
        var server = projects.Single(p => p.Name == "Occi.Server");
        var deployed = server.References.Where(r => r.Project.Role == Role.Component).ToList();
        // ComponentLoader finds Occi:Backend / Occi:Store by assembly name: each must be deployed beside the server.
        Assert.That(deployed.Select(r => r.Name), Is.EquivalentTo(projects.Where(p => p.Role == Role.Component).Select(p => p.Name)));
        // Under an alias (and not also "global") their types are outside the global namespace: naming one is CS0246.
        Assert.That(deployed.Where(r => !r.Aliases.SequenceEqual([ComponentAlias])).Select(r => r.Name), Is.Empty,
            $"every backend and store reference of Occi.Server carries Aliases=\"{ComponentAlias}\"");
    }

    [Test]
    public void No_server_source_opens_the_alias_of_the_backends_and_stores()
    {
        var opening = SourceFiles(Path.Combine(Root, "Occi.Server")).Where(f => ExternAlias.IsMatch(File.ReadAllText(f)));
        Assert.That(opening.Select(Relative), Is.Empty, "Occi.Server names no backend or store type: it loads them by configuration (Hosting/ComponentLoader)");
    }

    [Test]
    public void Only_tests_and_bench_tools_reference_the_server()
    {
        var referencing = Projects().Where(p => p.References.Any(r => r.Name == "Occi.Server") && p.Role is not (Role.Test or Role.Bench));
        Assert.That(referencing.Select(p => p.Name), Is.Empty);
    }

    [Test]
    public void Production_assemblies_give_internals_to_test_projects_only()
    {
        var projects = Projects();
        var tests = projects.Where(p => p.Role == Role.Test).Select(p => p.Name).ToHashSet();
        var wrong = new List<string>();
        foreach (var project in projects.Where(p => p.Role is Role.Production or Role.Component))
        {
            var givenTo = InternalsItem.Matches(File.ReadAllText(project.Path))
                .Concat(SourceFiles(Path.GetDirectoryName(project.Path)!).SelectMany(f => InternalsAttribute.Matches(File.ReadAllText(f))))
                .Select(m => m.Groups["to"].Value);
            wrong.AddRange(givenTo.Where(to => !tests.Contains(to) && (to, project.Name) != ComponentOnComponent).Select(to => $"{project.Name} → {to}"));
        }
        // Bench tools measure what a host or a client can do: the public surface, or HTTP.
        Assert.That(wrong, Is.Empty);
    }

    private enum Role { Production, Component, Test, Bench }

    private sealed record Project(string Name, string Path, Role Role)
    {
        public List<Reference> References { get; } = [];
    }

    private sealed record Reference(Project Project, string[] Aliases)
    {
        public string Name => Project.Name;
    }

    /// <summary>Every project of the repository with its project references, read from the .csproj files.</summary>
    private static List<Project> Projects()
    {
        var projects = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .Select(p => new Project(Path.GetFileNameWithoutExtension(p), Path.GetFullPath(p), RoleOf(Relative(p))))
            .ToDictionary(p => p.Path);
        foreach (var project in projects.Values)
            foreach (var element in XDocument.Load(project.Path).Descendants("ProjectReference"))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project.Path)!, element.Attribute("Include")!.Value.Replace('\\', '/')));
                Assert.That(projects.ContainsKey(target), $"{project.Name} references {target}, which is not in the repository");
                var aliases = element.Attribute("Aliases")?.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
                project.References.Add(new Reference(projects[target], aliases));
            }
        return [.. projects.Values];
    }

    private static Role RoleOf(string relativePath) => relativePath.Split('/')[0] switch
    {
        "tests" => Role.Test,
        "bench" => Role.Bench,
        "Backends" or "Storage" => Role.Component,
        _ => Role.Production,
    };

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f));

    private static bool IsBuildOutput(string path) =>
        Relative(path).Split('/') is var parts && (parts.Contains("bin") || parts.Contains("obj"));

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("OcciGateway.sln not found above the test directory");
    }
}
