using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Crash;

/// <summary>
/// The child process of the crash tests, started from this test assembly:
/// <c>write &lt;folder&gt; &lt;prefix&gt;</c> stores entities in a loop and prints each key on its own line
/// once PutAsync has returned (the write is acknowledged); <c>hold &lt;folder&gt;</c> opens the store, prints
/// "ready" and keeps it open until its standard input closes.
/// </summary>
internal static class CrashWriterProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["write", var folder, var prefix]:
                using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder }))
                {
                    var store = new JournaledEntityStore(db);
                    var stdout = Console.Out;
                    for (var i = 0; ; i++)
                    {
                        var key = $"{prefix}-{i}";
                        var entity = new Resource { Id = key, Kind = Compute.Kind.Id, Location = "/compute/" + key };
                        entity.Attributes[Compute.Cores] = i;
                        await store.PutAsync(entity, "crash", 0, CancellationToken.None);
                        await stdout.WriteLineAsync(key);
                        await stdout.FlushAsync();
                    }
                }
            case ["hold", var folder]:
                using (EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder }))
                {
                    Console.Out.WriteLine("ready");
                    Console.Out.Flush();
                    await Console.In.ReadToEndAsync();
                    return 0;
                }
            default:
                await Console.Error.WriteLineAsync("usage: write <folder> <prefix> | hold <folder>");
                return 2;
        }
    }
}
