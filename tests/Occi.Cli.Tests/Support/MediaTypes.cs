namespace Occi.Cli.Tests.Support;

/// <summary>The renderings `occi` speaks: --media-type, and --occi-version for the two JSON dialects.</summary>
public static class MediaTypes
{
    public static readonly object[] All =
    [
        new object[] { "text/plain", "1.2" },
        new object[] { "text/occi", "1.2" },
        new object[] { "application/occi+json", "1.2" },
        new object[] { "application/occi+json", "1.1" },
    ];
}
