using System.Text;
using System.Text.Json;

namespace Occi.Journal.Tests;

/// <summary>The records these tests journal: <c>{"n":7,"pad":"…"}</c>, numbered from 0, padded to sizes a kill can cut through.</summary>
internal static class Records
{
    public static byte[] Line(int n, int padBytes) =>
        Encoding.UTF8.GetBytes($"{{\"n\":{n},\"pad\":\"{new string((char)('a' + n % 26), padBytes)}\"}}\n");

    public static int Number(ReadOnlySpan<byte> line)
    {
        using var json = JsonDocument.Parse(line.ToArray());
        return json.RootElement.GetProperty("n").GetInt32();
    }

    /// <summary>Opens the journal, collecting every record's number in order.</summary>
    public static AppendOnlyJournal Open(string path, List<int> numbers, bool durable = false) =>
        AppendOnlyJournal.Open(path, durable, line => numbers.Add(Number(line)));

    /// <summary>Pad sizes from a few bytes to 64 KiB, so some appends take long enough for a kill to land inside.</summary>
    public static int Pad(int n) => n % 7 == 0 ? 64 * 1024 : 10 + n % 1000;
}
