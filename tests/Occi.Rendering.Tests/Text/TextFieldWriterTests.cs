using System.Buffers;
using System.Text;
using Occi.Rendering.Text;

namespace Occi.Rendering.Tests.Text;

/// <summary>The two writers' buffering: chunk and buffer boundaries, revisited structures, text outside a value.</summary>
public sealed class TextFieldWriterTests
{
    [Test]
    public void Body_writer_output_equals_utf8_of_long_non_ascii_text_that_needs_a_new_chunk()
    {
        var text = string.Concat(Enumerable.Repeat("abc-äöü-🚀-", 400)); // ~4,400 chars of 1- to 4-byte UTF-8: more than the first 1 KB chunk
        var body = new ArrayBufferWriter<byte>(16);
        var w = new BodyFieldWriter(body);
        w.Begin("X-OCCI-Location");
        w.Write(text);
        w.End();
        w.Complete();
        Assert.That(body.WrittenSpan.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes("X-OCCI-Location: " + text + "\n")));
    }

    [Test]
    public void Body_writer_writes_nothing_until_complete()
    {
        var body = new ArrayBufferWriter<byte>();
        var w = new BodyFieldWriter(body);
        w.Write("pending");
        Assert.That(body.WrittenCount, Is.Zero);
        w.Complete();
        Assert.That(Encoding.UTF8.GetString(body.WrittenSpan), Is.EqualTo("pending"));
    }

    [Test]
    public void Header_writer_joins_a_structure_met_again_into_its_first_header()
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        var w = new HeaderFieldWriter(output);
        foreach (var (structure, value) in new[] { ("Category", "a"), ("Link", "b"), ("Category", "c") })
        {
            w.Begin(structure);
            w.Write(value);
            w.End();
        }
        w.Complete();
        Assert.That(output.Headers, Is.EqualTo(new KeyValuePair<string, string>[] { new("Category", "a, c"), new("Link", "b") }));
    }

    [Test]
    public void Header_writer_ignores_text_written_outside_a_value()
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        var w = new HeaderFieldWriter(output);
        w.Write("before");
        w.Begin("Link");
        w.WriteAscii("<");
        w.Write("/ä");
        w.WriteAscii(">");
        w.End();
        w.WriteAscii("after");
        w.Complete();
        Assert.That(output.Headers, Is.EqualTo(new KeyValuePair<string, string>[] { new("Link", "</%C3%A4>") }));
    }

    [Test]
    public void Header_writer_grows_past_its_first_buffer_without_losing_text()
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        var w = new HeaderFieldWriter(output);
        var values = Enumerable.Range(0, 500).Select(i => $"http://example.com/compute/{i}").ToArray();
        foreach (var value in values)
        {
            w.Begin("X-OCCI-Location");
            w.Write(value);
            w.End();
        }
        w.Complete();
        Assert.That(output.Headers.Single().Value, Is.EqualTo(string.Join(", ", values)));
    }
}
