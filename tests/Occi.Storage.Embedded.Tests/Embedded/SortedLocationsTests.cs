namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// <see cref="SortedLocations"/> must answer as a <see cref="SortedSet{T}"/> with the ordinal comparer
/// does, plus positions: random adds and removes on both, compared after every few steps. Small chunk
/// capacities make chunks split and merge all the time.
/// </summary>
public sealed class SortedLocationsTests
{
    /// <summary>Characters at the edges of ordinal order (NUL, U+FFFF, lone surrogates) so prefixes end there.</summary>
    private const string Alphabet = "ab/\0é\ud800\udc00\ufffe\uffff";

    [TestCase(2, 1)]
    [TestCase(3, 2)]
    [TestCase(8, 3)]
    [TestCase(64, 4)]
    [TestCase(512, 5)]
    public void Random_adds_and_removes_answer_as_an_ordinal_sorted_set_does(int chunkCapacity, int seed)
    {
        var random = new Random(seed);
        var set = new SortedLocations(chunkCapacity);
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        const int steps = 12_000;
        for (var step = 0; step < steps; step++)
        {
            var location = RandomLocation(random);
            var adding = random.NextDouble() < (step < steps / 2 ? 0.7 : 0.3); // grow, then shrink
            if (adding) Assert.That(set.Add(location), Is.EqualTo(expected.Add(location)), $"add {Show(location)}");
            else Assert.That(set.Remove(location), Is.EqualTo(expected.Remove(location)), $"remove {Show(location)}");
            if (step % 97 == 0 || step == steps - 1) AssertSame(set, expected, random);
        }
    }

    [Test]
    public void Prefixes_at_the_edges_of_ordinal_order_find_their_runs()
    {
        var items = new[] { "", "\0", "a", "a\0", "a\uffff", "a\uffff\uffff", "b", "\uffff", "\uffff\0", "\uffff\uffff" };
        var set = new SortedLocations(2);
        foreach (var item in items.Reverse()) set.Add(item);
        Assert.That(set.StartingWith(""), Is.EqualTo(items));
        Assert.That(set.StartingWith("a\uffff"), Is.EqualTo(new[] { "a\uffff", "a\uffff\uffff" }));
        Assert.That(set.StartingWith("\uffff"), Is.EqualTo(new[] { "\uffff", "\uffff\0", "\uffff\uffff" }));
        Assert.That(set.StartingWith("\uffff\uffff\uffff"), Is.Empty);
        Assert.That(set.StartingWith("\0"), Is.EqualTo(new[] { "\0" }));
        Assert.That(set.StartingWith("c"), Is.Empty);
    }

    [Test]
    public void An_empty_set_has_nothing_anywhere()
    {
        var set = new SortedLocations();
        Assert.That(set, Is.Empty);
        Assert.That(set.From(0), Is.Empty);
        Assert.That(set.StartingWith(""), Is.Empty);
        Assert.That(set.Contains("a"), Is.False);
        Assert.That(set.Remove("a"), Is.False);
        Assert.That(set.ToArray(), Is.Empty);
    }

    [Test]
    public void Positions_outside_the_set_are_refused()
    {
        var set = new SortedLocations { "a", "b", "c" };
        Assert.That(set.From(3), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.From(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.From(-1));
        Assert.Throws<ArgumentException>(() => set.CopyTo(2, new string[5], 0, 2));
        Assert.Throws<ArgumentException>(() => set.CopyTo(0, new string[2], 0, 3));
    }

    [Test]
    public void Enumerating_after_a_change_throws_as_a_sorted_set_does()
    {
        var set = new SortedLocations { "a", "b", "c" };
        using var walk = set.GetEnumerator();
        Assert.That(walk.MoveNext(), Is.True);
        set.Add("d");
        Assert.Throws<InvalidOperationException>(() => walk.MoveNext());

        var from = set.From(1);
        set.Remove("a");
        Assert.Throws<InvalidOperationException>(() => from.First());
    }

    private static void AssertSame(SortedLocations set, SortedSet<string> expected, Random random)
    {
        var all = expected.ToArray();
        Assert.That(set, Has.Count.EqualTo(all.Length));
        Assert.That(set, Is.EqualTo(all), "in-order enumeration");
        Assert.That(set.ToArray(), Is.EqualTo(all), "ToArray");

        for (var i = 0; i < 4; i++)
        {
            var start = random.Next(all.Length + 1);
            Assert.That(set.From(start), Is.EqualTo(all.Skip(start)), $"from position {start}");
            var count = random.Next(all.Length - start + 1);
            var copy = new string[count + 2];
            set.CopyTo(start, copy, 1, count);
            Assert.That(copy[1..^1], Is.EqualTo(all.Skip(start).Take(count)), $"{count} copied from position {start}");
            Assert.That(copy[0] is null && copy[^1] is null, "nothing written outside the range");
        }
        Assert.That(set.From(all.Length), Is.Empty);

        var prefixes = new List<string> { "", "\0", "\uffff", "\uffff\uffff", "a\uffff", "\ud800", "/c/1", RandomLocation(random) };
        if (all.Length > 0)
        {
            var member = all[random.Next(all.Length)];
            prefixes.Add(member);
            prefixes.Add(member[..random.Next(member.Length + 1)]);
        }
        foreach (var prefix in prefixes)
            Assert.That(set.StartingWith(prefix), Is.EqualTo(all.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))), $"prefix {Show(prefix)}");

        for (var i = 0; i < 20; i++)
        {
            var probe = RandomLocation(random);
            Assert.That(set.Contains(probe), Is.EqualTo(expected.Contains(probe)), $"contains {Show(probe)}");
        }
        foreach (var member in all.Take(3).Concat(all.TakeLast(3))) Assert.That(set.Contains(member), $"contains {Show(member)}");
    }

    /// <summary>Half short strings over <see cref="Alphabet"/> (often repeated, empty included), half from a few thousand paths.</summary>
    private static string RandomLocation(Random random)
    {
        if (random.Next(2) == 0) return "/c/" + random.Next(3000);
        var chars = new char[random.Next(5)];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    private static string Show(string s) => string.Concat(s.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
}
