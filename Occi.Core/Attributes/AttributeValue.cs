using System.Collections.Immutable;
using System.Globalization;

namespace Occi.Core.Attributes;

/// <summary>
/// A typed attribute value. Small and allocation-free for scalars: a string, an integer, a number or a
/// boolean; arrays and objects (GFD.221 types) hold immutable collections of values.
/// </summary>
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly object? _ref;
    private readonly long _integer;
    private readonly double _number;

    private AttributeValue(AttributeValueKind kind, object? reference, long integer, double number)
    {
        Kind = kind;
        _ref = reference;
        _integer = integer;
        _number = number;
    }

    public AttributeValueKind Kind { get; }

    public static AttributeValue String(string value) => new(AttributeValueKind.String, value ?? throw new ArgumentNullException(nameof(value)), 0, 0);
    public static AttributeValue Integer(long value) => new(AttributeValueKind.Integer, null, value, value);
    public static AttributeValue Number(double value) => new(AttributeValueKind.Number, null, 0, value);
    public static AttributeValue Boolean(bool value) => new(AttributeValueKind.Boolean, null, value ? 1 : 0, 0);
    public static AttributeValue Array(IEnumerable<AttributeValue> items) => new(AttributeValueKind.Array, items.ToImmutableArray(), 0, 0);
    public static AttributeValue Object(IEnumerable<KeyValuePair<string, AttributeValue>> members) =>
        new(AttributeValueKind.Object, members.ToImmutableArray(), 0, 0);

    public static implicit operator AttributeValue(string value) => String(value);
    public static implicit operator AttributeValue(long value) => Integer(value);
    public static implicit operator AttributeValue(int value) => Integer(value);
    public static implicit operator AttributeValue(double value) => Number(value);
    public static implicit operator AttributeValue(bool value) => Boolean(value);

    public bool IsString => Kind == AttributeValueKind.String;
    public bool IsNumeric => Kind is AttributeValueKind.Integer or AttributeValueKind.Number;

    public string AsString => Kind == AttributeValueKind.String ? (string)_ref! : throw Wrong(AttributeValueKind.String);
    public long AsInteger => Kind == AttributeValueKind.Integer ? _integer : throw Wrong(AttributeValueKind.Integer);
    public double AsNumber => IsNumeric ? _number : throw Wrong(AttributeValueKind.Number);
    public bool AsBoolean => Kind == AttributeValueKind.Boolean ? _integer != 0 : throw Wrong(AttributeValueKind.Boolean);
    public ImmutableArray<AttributeValue> AsArray => Kind == AttributeValueKind.Array ? (ImmutableArray<AttributeValue>)_ref! : throw Wrong(AttributeValueKind.Array);
    public ImmutableArray<KeyValuePair<string, AttributeValue>> AsObject =>
        Kind == AttributeValueKind.Object ? (ImmutableArray<KeyValuePair<string, AttributeValue>>)_ref! : throw Wrong(AttributeValueKind.Object);

    /// <summary>True when a numeric value has no fractional part (an integer written as 2.0, say).</summary>
    public bool IsWholeNumber => Kind == AttributeValueKind.Integer
        || (Kind == AttributeValueKind.Number && double.IsFinite(_number) && Math.Floor(_number) == _number && Math.Abs(_number) < 9.2e18);

    private InvalidOperationException Wrong(AttributeValueKind wanted) => new($"value is {Kind}, not {wanted}");

    /// <summary>The value as plain text, without quotes: what an equality filter or a store index compares.</summary>
    public override string ToString() => Kind switch
    {
        AttributeValueKind.String => (string)_ref!,
        AttributeValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        AttributeValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        AttributeValueKind.Boolean => _integer != 0 ? "true" : "false",
        AttributeValueKind.Array => "[" + string.Join(",", AsArray.Select(v => v.ToString())) + "]",
        AttributeValueKind.Object => "{" + string.Join(",", AsObject.Select(kv => kv.Key + ":" + kv.Value)) + "}",
        _ => "",
    };

    public bool Equals(AttributeValue other)
    {
        if (IsNumeric && other.IsNumeric) return _number.Equals(other._number);
        if (Kind != other.Kind) return false;
        return Kind switch
        {
            AttributeValueKind.String => string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal),
            AttributeValueKind.Boolean => _integer == other._integer,
            AttributeValueKind.Array => AsArray.SequenceEqual(other.AsArray),
            AttributeValueKind.Object => AsObject.Length == other.AsObject.Length
                && AsObject.Zip(other.AsObject).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value)),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is AttributeValue v && Equals(v);

    public override int GetHashCode() => Kind switch
    {
        AttributeValueKind.String => StringComparer.Ordinal.GetHashCode((string)_ref!),
        AttributeValueKind.Integer or AttributeValueKind.Number => _number.GetHashCode(),
        AttributeValueKind.Boolean => _integer.GetHashCode(),
        _ => (int)Kind,
    };

    public static bool operator ==(AttributeValue a, AttributeValue b) => a.Equals(b);
    public static bool operator !=(AttributeValue a, AttributeValue b) => !a.Equals(b);
}
