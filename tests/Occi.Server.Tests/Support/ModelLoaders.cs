using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Background;

namespace Occi.Server.Tests.Support;

/// <summary>A model loader of its own on a running server's registry, with the backend or category store it reads swapped when a test needs to.</summary>
internal static class ModelLoaders
{
    public static ModelLoader For(RunningServer server, ICloudBackend? backend = null, ICategoryStore? categories = null) => new(
        backend ?? server.Services.GetRequiredService<ICloudBackend>(),
        categories ?? server.Services.GetRequiredService<ICategoryStore>(),
        server.Services.GetRequiredService<CategoryRegistry>(),
        server.Services.GetRequiredService<IOptions<OcciOptions>>(),
        server.Services.GetRequiredService<TimeProvider>(),
        NullLogger<ModelLoader>.Instance,
        server.Services.GetRequiredService<ModelRefreshMetrics>());
}
