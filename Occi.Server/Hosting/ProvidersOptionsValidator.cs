using Microsoft.Extensions.Options;
using Occi.Core.Model;
using Occi.Infrastructure;

namespace Occi.Server;

/// <summary>
/// Checks Occi:Providers, naming the bad key: provider names (they become region mixin terms and data folders),
/// each one's backend, the kinds it claims (each claimed once) and at most one default. Asked at start-up before
/// the providers are built (which providers exist decides what is registered) and again with the other options.
/// </summary>
internal sealed class ProvidersOptionsValidator : IValidateOptions<ProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvidersOptions options) =>
        Problems(options) is [_, ..] problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    public static List<string> Problems(ProvidersOptions options)
    {
        var problems = new List<string>();
        var claimedBy = new Dictionary<CategoryId, string>();
        string? defaultProvider = null;
        foreach (var (name, provider) in options.Providers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = $"{ProvidersOptions.Section}:Providers:{name}";
            if (!IsProviderName(name))
                problems.Add($"{key}: a provider's name is 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter");
            if (provider is null) continue;
            if (string.IsNullOrWhiteSpace(provider.Backend) || !provider.Backend.All(char.IsAsciiLetterOrDigit))
                problems.Add($"{key}:Backend = '{provider.Backend}' is not a backend name (Local, Libvirt, OpenStack, …)");
            for (var i = 0; i < provider.Kinds.Length; i++)
            {
                if (!TryParseKind(provider.Kinds[i], out var kind))
                    problems.Add($"{key}:Kinds:{i} = '{provider.Kinds[i]}' is neither a kind identity (scheme#term) nor a GFD.184 term");
                else if (!claimedBy.TryAdd(kind, name))
                    problems.Add($"{key}:Kinds:{i} = '{provider.Kinds[i]}' is claimed by provider '{claimedBy[kind]}' already");
            }
            if (provider.Default)
            {
                if (defaultProvider is not null)
                    problems.Add($"{key}:Default: only one provider may be the default, and '{defaultProvider}' is");
                defaultProvider ??= name;
            }
        }
        return problems;
    }

    public static bool IsProviderName(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>A kind identity, or a bare term taken in GFD.184's infrastructure scheme (<c>compute</c>).</summary>
    public static bool TryParseKind(string? text, out CategoryId kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Contains('#')) return CategoryId.TryParse(text, out kind);
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        kind = new CategoryId(InfrastructureSchemes.Infrastructure, text);
        return true;
    }
}
