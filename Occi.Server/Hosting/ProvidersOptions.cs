namespace Occi.Server;

/// <summary>
/// <c>Occi:Providers</c> (issue 19): several clouds behind one endpoint. Each entry names a provider, its backend
/// type and that backend's own settings, nested under the type's name as they would be under <c>Occi</c> for one
/// provider (<c>Occi:Providers:lab:Libvirt:Uri</c> is what <c>Occi:Libvirt:Uri</c> is alone). Empty (the default):
/// <c>Occi:Backend</c> names the one backend, as before.
/// </summary>
public sealed class ProvidersOptions
{
    public const string Section = "Occi";

    /// <summary>The providers by name: lower-case letters, digits, '-' and '_'; the name is the term of the provider's region mixin.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = [];
}
