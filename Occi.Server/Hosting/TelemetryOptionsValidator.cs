using Microsoft.Extensions.Options;

namespace Occi.Server;

/// <summary>Checks Occi:Telemetry at start, naming the key that is wrong.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions o)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(o.OtlpEndpoint) && !(Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            failures.Add($"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute http(s) URL or empty, not '{o.OtlpEndpoint}'");
        if (o.OtlpProtocol is not ("grpc" or "http/protobuf"))
            failures.Add($"{TelemetryOptions.Section}:OtlpProtocol must be grpc or http/protobuf, not '{o.OtlpProtocol}'");
        if (o.OtlpExportSeconds is < 1 or > 3600)
            failures.Add($"{TelemetryOptions.Section}:OtlpExportSeconds must be between 1 and 3600");
        if (string.IsNullOrEmpty(o.RequestIdHeader) || !o.RequestIdHeader.All(IsTokenChar))
            failures.Add($"{TelemetryOptions.Section}:RequestIdHeader must be a header name (letters, digits, '-'), not '{o.RequestIdHeader}'");
        if (o.ReadyTimeoutSeconds is < 1 or > 300)
            failures.Add($"{TelemetryOptions.Section}:ReadyTimeoutSeconds must be between 1 and 300");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
