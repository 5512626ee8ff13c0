using Microsoft.Extensions.Options;

namespace Occi.Server.Auth;

/// <summary>
/// Checks at start that a setting names a file that exists and reads: otherwise the start stops with the key's
/// name and what is wrong (the line, for a bad line), rather than every request failing later.
/// </summary>
internal sealed class RequiredFileValidator<TOptions>(string key, string content, Func<TOptions, string> path, Action<string> read, bool optional = false)
    : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var file = path(options);
        if (string.IsNullOrWhiteSpace(file))
            return optional ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"{key} must name {content}");
        if (!File.Exists(file)) return ValidateOptionsResult.Fail($"{key} names {file}, which does not exist; it must name {content}");
        try
        {
            read(file);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{key}: {e.Message}");
        }
    }
}
