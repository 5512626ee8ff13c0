using Microsoft.Extensions.Configuration;
using Occi.Server.Hosting;

namespace Occi.Server.Tests;

/// <summary>How the host is put together, where a client or operator would notice it.</summary>
public sealed class HostingTests
{
    [Test]
    public async Task Configuration_files_are_read_once_not_watched()
    {
        // A watcher on appsettings.json covers the whole content root recursively, the data folder with it,
        // and would wake for every journal and SQLite write.
        var data = Path.Combine(Path.GetTempPath(), "occi-hosting-" + Guid.NewGuid().ToString("N"));
        await using var app = OcciServerApp.Build(["--urls", "http://127.0.0.1:0", "--Occi:DataPath", data]);
        try
        {
            var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();

            Assert.That(files, Is.Not.Empty, "appsettings.json is read");
            Assert.That(files.Where(f => f.Source.ReloadOnChange).Select(f => f.Source.Path), Is.Empty, "files watched for changes");
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }
}
