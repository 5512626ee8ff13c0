using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>The caller's Astakos quotas in the gateway's quota view: the quota key of Occi:Synnefo, the client, the <see cref="ICloudQuotas"/>.</summary>
internal static class QuotaRegistration
{
    public static void AddQuotas(IServiceCollection services, IConfiguration configuration)
    {
        OptionsBinding.Add<SynnefoQuotaOptions, SynnefoQuotaOptionsValidator>(services, configuration, SynnefoQuotaOptions.Section);
        services.TryAddSingleton<AstakosQuotaClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICloudQuotas, SynnefoQuotas>());
    }
}
