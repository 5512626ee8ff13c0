namespace Occi.Fuzz;

/// <summary>
/// Defects of issue 11 that other branches fix, named by item, so that a fuzz run on a branch without those
/// fixes reports only what is new. Each predicate matches the narrow case the issue describes and nothing
/// wider; delete a predicate once its item is merged, and the fuzzer checks that case again.
/// </summary>
public static class KnownDefects
{
    /// <summary>
    /// Issue 11 item 1: a number that does not fit a double (1e400, -1e400, thousands of digits) is a 500 and leaves
    /// the entity broken, so every later request on it fails too: such requests are not sent at all.
    /// </summary>
    public static string? NotToSend(FuzzRequest request)
    {
        if (HasOverflowingNumber(request.Body) || request.Headers.Any(h => HasOverflowingNumber(h.Value)))
            return "issue 11 item 1 (overflowing numbers)";
        // Issue 11 item 2: a PUT whose id holds non-ASCII (percent-escaped) creates the entity, then fails writing Location (500).
        if (request.Method == "PUT" && HasEscapedNonAscii(request.Path)) return "issue 11 item 2 (non-ASCII ids)";
        return null;
    }

    /// <summary>
    /// Issue 11 item 3: with Accept: text/uri-list a write on an entity (update, replace, action) is applied and then
    /// answered 400, so its 4xx may come with a change: only the 5xx check applies to it.
    /// </summary>
    public static string? NoStateCheck(FuzzRequest request)
    {
        var accept = request.Header("Accept") ?? "";
        if (accept.Contains("uri-list", StringComparison.OrdinalIgnoreCase) && request.Method is "POST" or "PUT" && !request.Path.EndsWith('/'))
            return "issue 11 item 3 (negotiate before executing)";
        return null;
    }

    private static bool HasOverflowingNumber(string text)
    {
        if (text.Contains("e400", StringComparison.OrdinalIgnoreCase) || text.Contains("e+400", StringComparison.OrdinalIgnoreCase)) return true;
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run > 308) return true; // past double's range (about 1.8e308)
        }
        return false;
    }

    private static bool HasEscapedNonAscii(string path)
    {
        for (var i = 0; i + 2 < path.Length; i++)
            if (path[i] == '%' && Uri.IsHexDigit(path[i + 1]) && Uri.IsHexDigit(path[i + 2]) && Convert.ToInt32(path.Substring(i + 1, 2), 16) >= 0x80)
                return true;
        return path.Any(c => c > 0x7f);
    }
}
