using Occi.Core.Attributes;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// Issue 11 item 1: a bare number a double cannot hold (past ±1.8e308, or longer than
/// <see cref="NumberRange.MaxLiteralLength"/> characters) is a parse error naming the attribute, in
/// X-OCCI-Attribute and in link attributes, in text/plain and text/occi; the fast path declines it and the
/// grammar reports it (the helpers check both agree).
/// </summary>
public sealed class NumberRangeTests
{
    private static readonly string Long = "1" + new string('0', NumberRange.MaxLiteralLength); // one character too many
    private static readonly string FiveThousandDigits = new('9', 5000);

    public static IEnumerable<string> Beyond() =>
    [
        "1e400", "-1e400", "1E+309", "1.8e308", "-1.8e308", "9e99999999999",
        Long, "0." + new string('0', NumberRange.MaxLiteralLength) + "1", new string('0', NumberRange.MaxLiteralLength) + "7", FiveThousandDigits,
    ];

    public static IEnumerable<string> Within() =>
    [
        "1.7976931348623157e308", "-1.7976931348623157E+308", "1e-400", "4.9e-324", "123456789012345678901234567890",
        new string('0', NumberRange.MaxLiteralLength - 1) + "7", "0." + new string('0', NumberRange.MaxLiteralLength - 3) + "1",
    ];

    [TestCaseSource(nameof(Beyond))]
    public void A_number_beyond_range_in_a_body_line_is_an_error_naming_the_attribute(string number)
    {
        var e = PlainError($"X-OCCI-Attribute: occi.core.title=\"t\", occi.storage.size={number}\n");
        Assert.That(e.Message, Does.Contain("occi.storage.size").And.Contain("out of range"));
        Assert.That(e.Column, Is.EqualTo("X-OCCI-Attribute: occi.core.title=\"t\", occi.storage.size=".Length + 1), "the column of the value");
    }

    [TestCaseSource(nameof(Beyond))]
    public void A_number_beyond_range_in_a_header_is_an_error_naming_the_attribute(string number)
    {
        var e = HeaderError("X-OCCI-Attribute", $"occi.compute.memory={number}");
        Assert.That(e.Message, Does.Contain("occi.compute.memory").And.Contain("out of range"));
        Assert.That(e.Where, Is.EqualTo("X-OCCI-Attribute"));
    }

    [TestCaseSource(nameof(Beyond))]
    public void A_number_beyond_range_in_a_link_attribute_is_an_error_naming_it(string number)
    {
        var e = PlainError($"Link: </network/n1>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; org.example.mtu={number}\n");
        Assert.That(e.Message, Does.Contain("org.example.mtu").And.Contain("out of range"));
        Assert.That(HeaderError("Link", $"</network/n1>; org.example.mtu={number}").Message, Does.Contain("org.example.mtu"));
    }

    [Test]
    public void The_error_quotes_only_the_start_of_a_long_literal()
    {
        var e = PlainError($"X-OCCI-Attribute: occi.storage.size={FiveThousandDigits}\n");
        Assert.That(e.Message, Does.Contain("(5000 characters)"));
        Assert.That(e.Message.Length, Is.LessThan(400));
        Assert.That(e.Message.All(char.IsAscii), "the message may travel in a header");
    }

    [TestCaseSource(nameof(Within))]
    public void A_number_within_range_is_read(string number)
    {
        var value = ParsePlain($"X-OCCI-Attribute: occi.compute.speed={number}\n").Attributes["occi.compute.speed"];
        Assert.That(value.IsNumeric, Is.True);
        Assert.That(value.AsNumber, Is.EqualTo(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(ParseHeaders(("X-OCCI-Attribute", $"occi.compute.speed={number}")).Attributes["occi.compute.speed"], Is.EqualTo(value));
    }

    [Test]
    public void A_quoted_number_beyond_range_stays_a_string() =>
        Assert.That(ParsePlain("X-OCCI-Attribute: occi.core.title=\"1e400\"\n").Attributes["occi.core.title"], Is.EqualTo(AttributeValue.String("1e400")));

    [Test]
    public void An_action_attribute_beyond_range_is_an_error_naming_it()
    {
        var e = PlainError("Category: resize; scheme=\"http://schemas.ogf.org/occi/infrastructure/storage/action#\"; class=\"action\"\n"
            + "X-OCCI-Attribute: size=1e400\n");
        Assert.That(e.Message, Does.Contain("'size'").And.Contain("out of range"));
    }
}
