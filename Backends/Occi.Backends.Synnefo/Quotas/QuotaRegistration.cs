using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>The caller's Astakos quotas in the gateway's quota view: the quota key of Occi:Synnefo, the client, the <see cref="ICloudQuotas"/>.</summary>
internal static class QuotaRegistration
{
    public static void AddQuotas(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SynnefoQuotaOptions>().Bind(configuration.GetSection(SynnefoQuotaOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SynnefoQuotaOptions>, SynnefoQuotaOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SynnefoQuotaOptions>>().Value);
        services.TryAddSingleton<AstakosQuotaClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICloudQuotas, SynnefoQuotas>());
    }
}
