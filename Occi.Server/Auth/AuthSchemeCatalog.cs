namespace Occi.Server.Auth;

/// <summary>Every scheme this build can switch on, by name.</summary>
internal static class AuthSchemeCatalog
{
    private static readonly IAuthScheme[] All =
    [
        new Basic.BasicScheme(),
        new Keystone.KeystoneScheme(),
        new Oidc.OidcScheme(),
        new Signature.SignatureScheme(),
        new X509.X509Scheme(),
        new Astakos.AstakosScheme(),
    ];

    public static IAuthScheme? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
