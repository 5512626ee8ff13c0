using System.Buffers;
using BenchmarkDotNet.Attributes;
using Occi.Core.Registry;
using Occi.Rendering;
using Occi.Rendering.Json;
using Occi.Rendering.Text;

namespace Occi.Bench;

/// <summary>
/// Parse and render of one compute (2 mixins, 6 attributes, 2 links) per media type.
/// Targets: under 5 µs and under 4 KB allocated per operation.
/// Not sealed: BenchmarkDotNet derives its runner from this class.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private CategorySnapshot _model = null!;
    private RenderContext _context = null!;
    private Occi.Core.Model.Resource _compute = null!;
    private IOcciRendering _rendering = null!;
    private RenderOutput _output = null!;
    private ParseInput _input;

    [Params(JsonRendering.OcciJson, TextPlainRendering.PlainMediaType, TextOcciRendering.OcciMediaType)]
    public string MediaType { get; set; } = JsonRendering.OcciJson;

    [GlobalSetup]
    public void Setup()
    {
        _model = SampleCompute.Model();
        _context = new RenderContext(_model, "http://occi.example.org:8080");
        _compute = SampleCompute.Create();
        _rendering = MediaType switch
        {
            JsonRendering.OcciJson => new JsonRendering(),
            TextPlainRendering.PlainMediaType => new TextPlainRendering(),
            _ => new TextOcciRendering(),
        };
        _output = new RenderOutput(_buffer);

        // What a client would send: this rendering's own output of the compute (body, and headers for text/occi).
        var rendered = new ArrayBufferWriter<byte>();
        var output = new RenderOutput(rendered);
        _rendering.RenderEntity(_compute, _context, output);
        _input = new ParseInput(rendered.WrittenMemory.ToArray(), output.Headers.ToArray());
        var parsed = _rendering.Parse(_input, _model);
        if (parsed.Entities.Count != 1) throw new InvalidOperationException($"{MediaType}: the rendered compute does not parse back to one entity");
    }

    [Benchmark]
    public int Render()
    {
        _buffer.ResetWrittenCount();
        _output.Headers.Clear();
        _rendering.RenderEntity(_compute, _context, _output);
        return _buffer.WrittenCount + _output.Headers.Count;
    }

    [Benchmark]
    public int Parse() => _rendering.Parse(_input, _model).Entities.Count;
}
