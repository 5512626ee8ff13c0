using System.Buffers;
using System.Text;
using System.Text.Json;
using Occi.Core.Attributes;

namespace Occi.Core.Tests;

/// <summary>The one JSON form of attribute values: every kind reads back exactly as written, and is valid JSON.</summary>
public class AttributeJsonTests
{
    private static AttributeValue Arr(params AttributeValue[] items) => AttributeValue.Array(items);
    private static AttributeValue Obj(params (string Name, AttributeValue Value)[] members) =>
        AttributeValue.Object(members.Select(m => KeyValuePair.Create(m.Name, m.Value)));

    public static IEnumerable<TestCaseData> Values()
    {
        yield return new TestCaseData(AttributeValue.String("")).SetName("empty string");
        yield return new TestCaseData(AttributeValue.String("a \"quoted\" ünïcode \\ line\nbreak")).SetName("string with escapes");
        yield return new TestCaseData(AttributeValue.String("NaN")).SetName("string NaN stays a string");
        yield return new TestCaseData(AttributeValue.Boolean(true)).SetName("true");
        yield return new TestCaseData(AttributeValue.Boolean(false)).SetName("false");
        yield return new TestCaseData(AttributeValue.Integer(0)).SetName("integer 0");
        yield return new TestCaseData(AttributeValue.Integer(long.MaxValue)).SetName("integer max");
        yield return new TestCaseData(AttributeValue.Integer(long.MinValue)).SetName("integer min");
        yield return new TestCaseData(AttributeValue.Number(2.0)).SetName("whole number 2.0");
        yield return new TestCaseData(AttributeValue.Number(0.1)).SetName("number 0.1");
        yield return new TestCaseData(AttributeValue.Number(-2.5)).SetName("negative number");
        yield return new TestCaseData(AttributeValue.Number(0.0)).SetName("zero");
        yield return new TestCaseData(AttributeValue.Number(-0.0)).SetName("negative zero");
        yield return new TestCaseData(AttributeValue.Number(1e21)).SetName("large number in exponent form");
        yield return new TestCaseData(AttributeValue.Number(9.3e18)).SetName("whole number beyond long");
        yield return new TestCaseData(AttributeValue.Number(double.MaxValue)).SetName("largest double");
        yield return new TestCaseData(AttributeValue.Number(double.MinValue)).SetName("most negative double");
        yield return new TestCaseData(AttributeValue.Number(double.Epsilon)).SetName("smallest subnormal");
        yield return new TestCaseData(AttributeValue.Number(2.2250738585072014E-308)).SetName("smallest normal");
        yield return new TestCaseData(AttributeValue.Number(double.NaN)).SetName("NaN");
        yield return new TestCaseData(AttributeValue.Number(double.PositiveInfinity)).SetName("positive infinity");
        yield return new TestCaseData(AttributeValue.Number(double.NegativeInfinity)).SetName("negative infinity");
        yield return new TestCaseData(Arr()).SetName("empty array");
        yield return new TestCaseData(Arr(1, 2.0, "x", true, double.NaN, Arr(double.NegativeInfinity))).SetName("mixed nested array");
        yield return new TestCaseData(Obj()).SetName("empty object");
        yield return new TestCaseData(Obj(("n", 1), ("x", 1.0), ("deep", Obj(("inf", double.PositiveInfinity), ("list", Arr("a", false)))))).SetName("nested object");
    }

    private static byte[] Write(AttributeValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) AttributeJson.Write(w, value);
        return buffer.WrittenSpan.ToArray();
    }

    private static AttributeValue Read(ReadOnlySequence<byte> json)
    {
        var r = new Utf8JsonReader(json);
        Assert.That(r.Read(), Is.True);
        var value = AttributeJson.Read(ref r);
        Assert.That(r.Read(), Is.False, "the reader is left on the value's last token");
        return value;
    }

    [TestCaseSource(nameof(Values))]
    public void Value_reads_back_exactly_as_written(AttributeValue value) =>
        AssertSame(Read(new ReadOnlySequence<byte>(Write(value))), value);

    [TestCaseSource(nameof(Values))]
    public void Value_reads_back_from_a_document_split_into_one_byte_segments(AttributeValue value) =>
        AssertSame(Read(OneByteSegments(Write(value))), value);

    [TestCaseSource(nameof(Values))]
    public void Written_value_is_valid_json(AttributeValue value) =>
        Assert.That(() => JsonDocument.Parse(Write(value)).Dispose(), Throws.Nothing);

    [TestCase(2L, "2")]
    [TestCase(2.0, "2.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1e21, "1E+21")]
    [TestCase(double.NaN, "null")]
    [TestCase(double.PositiveInfinity, "1e999")]
    [TestCase(double.NegativeInfinity, "-1e999")]
    public void Numbers_are_written_in_the_documented_form(object number, string expected)
    {
        var value = number is long l ? AttributeValue.Integer(l) : AttributeValue.Number((double)number);
        Assert.That(Encoding.UTF8.GetString(Write(value)), Is.EqualTo(expected));
    }

    [TestCase("2.0")]
    [TestCase("2e0")]
    [TestCase("99999999999999999999")]
    public void A_number_with_a_fraction_or_exponent_or_beyond_a_long_reads_as_a_number(string json) =>
        Assert.That(Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json))).Kind, Is.EqualTo(AttributeValueKind.Number));

    /// <summary>Same kind, same bits for numbers (so −0 and NaN count), same shape: stricter than <see cref="AttributeValue.Equals(AttributeValue)"/>, which calls 2 and 2.0 equal.</summary>
    private static void AssertSame(AttributeValue actual, AttributeValue expected)
    {
        Assert.That(actual.Kind, Is.EqualTo(expected.Kind));
        switch (expected.Kind)
        {
            case AttributeValueKind.Number:
                Assert.That(BitConverter.DoubleToInt64Bits(actual.AsNumber), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected.AsNumber)),
                    $"{actual.AsNumber:R} read back for {expected.AsNumber:R}");
                break;
            case AttributeValueKind.Array:
                Assert.That(actual.AsArray.Length, Is.EqualTo(expected.AsArray.Length));
                for (var i = 0; i < expected.AsArray.Length; i++) AssertSame(actual.AsArray[i], expected.AsArray[i]);
                break;
            case AttributeValueKind.Object:
                Assert.That(actual.AsObject.Select(m => m.Key), Is.EqualTo(expected.AsObject.Select(m => m.Key)));
                for (var i = 0; i < expected.AsObject.Length; i++) AssertSame(actual.AsObject[i].Value, expected.AsObject[i].Value);
                break;
            default:
                Assert.That(actual, Is.EqualTo(expected));
                break;
        }
    }

    private static ReadOnlySequence<byte> OneByteSegments(byte[] bytes)
    {
        if (bytes.Length == 0) return ReadOnlySequence<byte>.Empty;
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++) last = last.Append(bytes.AsMemory(i, 1));
        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
