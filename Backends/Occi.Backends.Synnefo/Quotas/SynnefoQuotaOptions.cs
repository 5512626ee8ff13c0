namespace Occi.Backends.Synnefo.Quotas;

/// <summary>
/// The quota part of the Occi:Synnefo section: where Astakos answers a user's quotas, shown in the gateway's quota
/// view (GET /-/quota). It shares the section with <see cref="SynnefoOptions"/>: an operator configures one Synnefo.
/// </summary>
public sealed class SynnefoQuotaOptions
{
    public const string Section = "Occi:Synnefo";

    /// <summary>
    /// Astakos' "Get Quotas" URL; empty: /astakos/api/quotas on the host of Occi:Synnefo:IdentityUrl, where
    /// quota-api-guide puts it (an Astakos that serves it elsewhere, such as …/account/v1.0/quotas, is named here).
    /// </summary>
    public string QuotasUrl { get; set; } = "";
}
