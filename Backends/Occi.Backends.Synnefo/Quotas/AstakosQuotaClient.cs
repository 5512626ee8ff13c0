using System.Text.Json;
using Occi.Backends.Synnefo.Http;
using Occi.Core;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>
/// Astakos' "Get Quotas" (docs/quota-api-guide.rst: GET /astakos/api/quotas with the user's X-Auth-Token, 200 with
/// the quotas per source and resource, 401 for a missing or refused token) through the OpenStack request path, on
/// Astakos' pipeline. The URL is not in the catalog: Occi:Synnefo:QuotasUrl, or the guide's path on Astakos' host.
/// </summary>
internal sealed class AstakosQuotaClient(SynnefoHttp http, SynnefoQuotaOptions quotas, SynnefoOptions synnefo)
{
    private const int MaxBytes = 1 << 20;

    private readonly Uri _url = quotas.QuotasUrl.Length > 0 ? new Uri(quotas.QuotasUrl, UriKind.Absolute)
        : Uri.TryCreate(synnefo.IdentityUrl, UriKind.Absolute, out var identity) ? new Uri(identity.GetLeftPart(UriPartial.Authority) + "/astakos/api/quotas")
        : new Uri("http://astakos.invalid/astakos/api/quotas"); // Occi:Synnefo:IdentityUrl's validator refuses the start before this is asked

    public async Task<Dictionary<string, Dictionary<string, AstakosQuota>>> QuotasAsync(string token, CancellationToken ct)
    {
        using var response = await http.Requests.SendToAsync(SynnefoServices.Astakos, _url, HttpMethod.Get, token, [], null, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (bytes.Length > MaxBytes) throw new OcciException(OcciErrorKind.BackendFailure, $"Astakos answered more quotas than the gateway reads ({bytes.Length} bytes)");
        try
        {
            return JsonSerializer.Deserialize(bytes, AstakosQuotaJson.Default.DictionaryStringDictionaryStringAstakosQuota) ?? [];
        }
        catch (JsonException e)
        {
            throw new OcciException(OcciErrorKind.BackendFailure, $"Astakos answered the quotas with JSON the gateway cannot read ({e.Message})", e);
        }
    }
}
