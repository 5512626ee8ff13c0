using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Core.Validation;
using Occi.Rendering;
using Occi.Rendering.Text;

namespace Occi.LoadTest;

/// <summary>
/// Issue 13, goal 2: the bytes one create allocates, stage by stage. The stages are the gateway's own components
/// taken from the running server (its backend behind the resilience pipeline, its store, its intent store) and
/// called one after the other on one thread, as the create path calls them; each stage's share is
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around it. What other threads allocate meanwhile (the
/// journal applier's SQLite batches, timers) is the process's total less the stages'. Then the whole create over
/// HTTP, against a bare endpoint answering 201 with the created compute's bytes: the difference is what the
/// gateway allocates per create in all, so what the stages leave out (Kestrel's share aside) is the endpoint's
/// and EntityCreator's own work.
/// </summary>
internal static class CreateStages
{
    private static readonly CapturedAnswer Created = new();

    public static void MapBare(WebApplication bare) => bare.MapPost("/bare-create", http =>
    {
        http.Response.StatusCode = 201;
        return Created.WriteAsync(http);
    });

    public static async Task RunAsync(IServiceProvider services, Uri occi, Uri bare, string body, byte[] create, string computePath, int count)
    {
        var stages = new Stages(
            services.GetRequiredService<CategoryRegistry>(),
            services.GetRequiredService<ICloudBackend>(),
            services.GetRequiredService<IEntityStore>(),
            services.GetRequiredService<IIntentStore>(),
            System.Text.Encoding.UTF8.GetBytes(body),
            new Uri(occi, "/").ToString().TrimEnd('/'));
        await stages.RunAsync(count / 5, record: false); // tiered compilation first
        var process = GC.GetTotalAllocatedBytes(precise: true);
        await stages.RunAsync(count, record: true);
        process = GC.GetTotalAllocatedBytes(precise: true) - process;

        Console.WriteLine($"allocated per create, by stage ({count:N0} creates on one thread; load average {GetScenarios.LoadAverage()}):");
        Console.WriteLine($"| {"stage",-58} | {"B per create",12} |");
        Console.WriteLine($"|{new string('-', 60)}|{new string('-', 14)}|");
        foreach (var (name, bytes) in stages.Rows(count))
            Console.WriteLine($"| {name,-58} | {bytes,12:N0} |");
        var onThread = stages.Total;
        Console.WriteLine($"| {"other threads meanwhile (journal applier, timers)",-58} | {(process - onThread) / count,12:N0} |");
        Console.WriteLine($"| {"all stages and other threads",-58} | {process / count,12:N0} |");
        if (stages.Hopped > 0) Console.WriteLine($"  ({stages.Hopped:N0} stage calls resumed on another thread and are left out of the rows)");

        await Created.CaptureAsync(occi, computePath, "text/plain");
        var bareRequest = LoadClient.Request("POST", "/bare-create", bare, body: body);
        var (bareBytes, _, _) = await GetScenarios.AllocatedPerRequestAsync(bare, bareRequest);
        var (gatewayBytes, _, _) = await GetScenarios.AllocatedPerRequestAsync(occi, create);
        Console.WriteLine($"POST /compute/ over HTTP, one connection: {gatewayBytes:N0} B per create in this process; a bare endpoint answering 201 with the compute's {Created.Length:N0} bytes: {bareBytes:N0} B; the gateway's own: {gatewayBytes - bareBytes:N0} B (load average {GetScenarios.LoadAverage()})");
    }

    /// <summary>The create path's steps, each timed by the bytes it allocates on this thread.</summary>
    private sealed class Stages(CategoryRegistry registry, ICloudBackend backend, IEntityStore store, IIntentStore intents, byte[] body, string baseUrl)
    {
        private static readonly string[] Names =
        [
            "parse the text/plain body (OcciRequest, entity, attributes)",
            "coerce and validate against the model",
            "id and location",
            "store: location and id free? (two reads)",
            "intent: written to intents.journal",
            "backend: local simulator create (with its journal line)",
            "store: put (document, journal line, view)",
            "intent: closed, 256 at a time (IntentCompletion's way)",
            "render the 201 answer (text/plain)",
        ];

        private readonly TextPlainRendering _rendering = new();
        private readonly ArrayBufferWriter<byte> _answer = new(4096);
        private readonly long[] _bytes = new long[Names.Length];
        private readonly List<string> _open = new(256);

        public long Hopped { get; private set; }

        public long Total => _bytes.Sum();

        public IEnumerable<(string Name, long Bytes)> Rows(int count) => Names.Select((n, i) => (n, _bytes[i] / count));

        public async Task RunAsync(int count, bool record)
        {
            Array.Clear(_bytes);
            var caller = Caller.Anonymous;
            var ct = CancellationToken.None;
            for (var i = 0; i < count; i++)
            {
                var model = registry.Current;
                var stage = Start();
                var entity = _rendering.Parse(new ParseInput(body, []), model).Entities[0];
                entity.Kind = entity.Kind == default ? new CategoryId("http://schemas.ogf.org/occi/infrastructure#", "compute") : entity.Kind;
                stage = Next(stage, 0);
                AttributeCoercion.Coerce(entity, model);
                EntityValidator.ValidateCreate(entity, model);
                stage = Next(stage, 1);
                entity.Id = Guid.NewGuid().ToString();
                entity.Location = model.FindKind(entity.Kind)!.Location + entity.Id;
                stage = Next(stage, 2);
                if (await store.GetAsync(entity.Location, ct) is not null || await store.GetByIdAsync(entity.Id, ct) is not null)
                    throw new InvalidOperationException("a fresh id is taken");
                stage = Next(stage, 3);
                var intent = new Intent(Guid.NewGuid().ToString("N"), "create", entity.Location, null, caller.Tenant, DateTimeOffset.UtcNow, entity.Kind.Identity);
                await intents.WriteAsync(intent, ct);
                stage = Next(stage, 4);
                var created = await backend.CreateAsync(caller, entity, ct);
                stage = Next(stage, 5);
                await store.PutAsync(created, caller.Tenant, 0, ct);
                stage = Next(stage, 6);
                _open.Add(intent.Id);
                if (_open.Count == 256 || i == count - 1)
                {
                    await intents.CompleteManyAsync(_open.ToArray(), ct);
                    _open.Clear();
                }
                stage = Next(stage, 7);
                _answer.ResetWrittenCount();
                _rendering.RenderEntity(created, new RenderContext(model, baseUrl), new RenderOutput(_answer));
                Next(stage, 8);
            }
            if (!record) Array.Clear(_bytes);
        }

        private static (int Thread, long Bytes) Start() => (Environment.CurrentManagedThreadId, GC.GetAllocatedBytesForCurrentThread());

        private (int Thread, long Bytes) Next((int Thread, long Bytes) since, int stage)
        {
            var now = Start();
            if (now.Thread == since.Thread) _bytes[stage] += now.Bytes - since.Bytes;
            else Hopped++;
            return Start();
        }
    }
}
