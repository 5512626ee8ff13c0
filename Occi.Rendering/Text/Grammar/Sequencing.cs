using Sprache;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// Sequencing combinators for Sprache parsers that, once built, parse without building parsers. Sprache's
/// LINQ sequencing (<c>from … in … select</c>, <c>Select</c>, <c>XMany</c>, <c>XOptional</c>) makes new
/// closures and parsers on every run, which for these grammars cost far more than the reading itself.
/// Failures keep Sprache's meaning: the remainder, message and expectations of the part that failed;
/// "X" forms fail when an item failed after consuming input.
/// </summary>
internal static class Sequencing
{
    /// <summary><paramref name="first"/> then <paramref name="second"/>, both values combined.</summary>
    public static Parser<V> Seq<T, U, V>(this Parser<T> first, Parser<U> second, Func<T, U, V> combine)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return input =>
        {
            var a = first(input);
            if (!a.WasSuccessful) return Fail<T, V>(a);
            var b = second(a.Remainder);
            return b.WasSuccessful ? Result.Success(combine(a.Value, b.Value), b.Remainder) : Fail<U, V>(b);
        };
    }

    /// <summary><paramref name="first"/> then <paramref name="second"/>, keeping the first value.</summary>
    public static Parser<T> Before<T, U>(this Parser<T> first, Parser<U> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return input =>
        {
            var a = first(input);
            if (!a.WasSuccessful) return a;
            var b = second(a.Remainder);
            return b.WasSuccessful ? Result.Success(a.Value, b.Remainder) : Fail<U, T>(b);
        };
    }

    /// <summary><paramref name="first"/> then <paramref name="second"/>, keeping the second value.</summary>
    public static Parser<U> After<T, U>(this Parser<U> second, Parser<T> first)
    {
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(first);
        return input =>
        {
            var a = first(input);
            return a.WasSuccessful ? second(a.Remainder) : Fail<T, U>(a);
        };
    }

    /// <summary>The value mapped by <paramref name="convert"/>.</summary>
    public static Parser<U> Map<T, U>(this Parser<T> parser, Func<T, U> convert)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return input =>
        {
            var r = parser(input);
            return r.WasSuccessful ? Result.Success(convert(r.Value), r.Remainder) : Fail<T, U>(r);
        };
    }

    /// <summary>The value and the remainder handed to <paramref name="next"/>, which decides the result
    /// (a semantic check, or the grammar of what follows chosen by the value).</summary>
    public static Parser<U> Bind<T, U>(this Parser<T> parser, Func<T, IInput, IResult<U>> next)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return input =>
        {
            var r = parser(input);
            return r.WasSuccessful ? next(r.Value, r.Remainder) : Fail<T, U>(r);
        };
    }

    /// <summary>Zero or more items; fails when an item fails after consuming input (Sprache's XMany).</summary>
    public static Parser<List<T>> ManyX<T>(this Parser<T> parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return input =>
        {
            var items = new List<T>();
            var rest = input;
            while (true)
            {
                var r = parser(rest);
                if (!r.WasSuccessful)
                    return r.Remainder.Position == rest.Position ? Result.Success(items, rest) : Fail<T, List<T>>(r);
                if (r.Remainder.Position == rest.Position) return Result.Success(items, rest);
                items.Add(r.Value);
                rest = r.Remainder;
            }
        };
    }

    /// <summary>One or more items separated by <paramref name="delimiter"/>; fails when an item after a
    /// delimiter fails, or one fails after consuming input (Sprache's XDelimitedBy).</summary>
    public static Parser<List<T>> DelimitedX<T, U>(this Parser<T> parser, Parser<U> delimiter)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(delimiter);
        return input =>
        {
            var first = parser(input);
            if (!first.WasSuccessful) return Fail<T, List<T>>(first);
            var items = new List<T> { first.Value };
            var rest = first.Remainder;
            while (true)
            {
                var d = delimiter(rest);
                if (!d.WasSuccessful)
                    return d.Remainder.Position == rest.Position ? Result.Success(items, rest) : Fail<U, List<T>>(d);
                var r = parser(d.Remainder);
                if (!r.WasSuccessful) return Fail<T, List<T>>(r);
                items.Add(r.Value);
                rest = r.Remainder;
            }
        };
    }

    /// <summary>The value, or null where <paramref name="parser"/> fails without consuming input (Sprache's XOptional).</summary>
    public static Parser<T?> OrNone<T>(this Parser<T> parser) where T : class
    {
        ArgumentNullException.ThrowIfNull(parser);
        return input =>
        {
            var r = parser(input);
            if (r.WasSuccessful) return Result.Success<T?>(r.Value, r.Remainder);
            return r.Remainder.Position == input.Position ? Result.Success<T?>(null, input) : Fail<T, T?>(r);
        };
    }

    /// <summary><paramref name="first"/>, or <paramref name="second"/> where the first fails without consuming input (Sprache's XOr).</summary>
    public static Parser<T> OrX<T>(this Parser<T> first, Parser<T> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return input =>
        {
            var r = first(input);
            if (r.WasSuccessful || r.Remainder.Position != input.Position) return r;
            var s = second(input);
            if (s.WasSuccessful || s.Remainder.Position > r.Remainder.Position) return s;
            return Result.Failure<T>(r.Remainder, r.Message, r.Expectations.Union(s.Expectations));
        };
    }

    /// <summary>Sprache's <c>Or</c> without its per-run closure: <paramref name="second"/> where the first fails
    /// (or succeeds without consuming input and the second does better); a double miss reports the first.</summary>
    public static Parser<T> OrElse<T>(this Parser<T> first, Parser<T> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return input =>
        {
            var r = first(input);
            if (r.WasSuccessful && r.Remainder.Position != input.Position) return r;
            var s = second(input);
            if (s.WasSuccessful) return s;
            return r.WasSuccessful ? r : Result.Failure<T>(r.Remainder, r.Message, r.Expectations.Union(s.Expectations));
        };
    }

    /// <summary>Sprache's <c>Optional</c> for a parser that consumes nothing when it fails: the value is dropped.</summary>
    public static Parser<bool> Optionally<T>(this Parser<T> parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return input =>
        {
            var r = parser(input);
            return Result.Success(r.WasSuccessful, r.WasSuccessful ? r.Remainder : input);
        };
    }

    public static IResult<U> Fail<T, U>(IResult<T> failure) => Result.Failure<U>(failure.Remainder, failure.Message, failure.Expectations);
}
