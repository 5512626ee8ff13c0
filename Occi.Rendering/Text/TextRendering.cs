using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text;

/// <summary>What text/plain and text/occi share: the request builder and the model walk; they differ in where.</summary>
public abstract class TextRendering : IOcciRendering
{
    private protected TextRendering() { }

    public abstract string MediaType { get; }

    /// <summary>GFD.185: collections render as locations only.</summary>
    public bool RendersCollectionsInFull => false;

    public OcciRequest Parse(ParseInput input, CategorySnapshot model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var message = TextMessage.Rent();
        try
        {
            var vocabulary = ModelVocabulary.Of(model);
            // Well-formed messages take the span scanner (Text/Scan); whatever it declines, errors included,
            // the grammar reads from scratch: it alone reports errors, with their positions.
            if (!Scan.TextFastPath.TryRead(input, vocabulary, readsHeaders: this is TextOcciRendering, message))
            {
                message.Clear();
                Read(input, message);
            }
            return TextRequestBuilder.Build(message, model);
        }
        catch (OcciParseException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: the grammar is meant to reject everything it cannot read; this keeps Parse total.
            throw new OcciParseException("the message could not be read: " + e.Message, inner: e);
        }
        finally
        {
            TextMessage.Return(message); // the request holds nothing of it
        }
    }

    private protected abstract void Read(ParseInput input, TextMessage message);

    // Each Render* opens this flavour's writer, walks, and completes: no delegate or closure per call.

    public void RenderEntity(Entity entity, RenderContext context, RenderOutput output)
    {
        var w = Open(output, context);
        TextModelWalk.Entity(entity, context, w);
        Complete(w, output);
    }

    public void RenderCollection(IReadOnlyList<Entity> entities, RenderContext context, RenderOutput output)
    {
        var w = Open(output, context);
        TextModelWalk.Locations(entities, context, w);
        Complete(w, output);
    }

    public void RenderLocations(IReadOnlyList<string> locations, RenderContext context, RenderOutput output)
    {
        var w = Open(output, context);
        TextModelWalk.Locations(locations, context, w);
        Complete(w, output);
    }

    public void RenderCategories(IEnumerable<Category> categories, RenderContext context, RenderOutput output)
    {
        var w = Open(output, context);
        TextModelWalk.Categories(categories, context, w);
        Complete(w, output);
    }

    /// <summary>The message as one text line, in the body for both flavours.</summary>
    public void RenderError(int status, string message, RenderOutput output)
    {
        var w = new BodyFieldWriter(output.Body);
        w.Write(message);
        w.Write("\n");
        w.Complete();
    }

    /// <summary>This flavour's writer into the output.</summary>
    private protected abstract TextFieldWriter Open(RenderOutput output, RenderContext context);

    /// <summary>Hands the writer's structures to the output, and whatever else the flavour's body needs.</summary>
    private protected virtual void Complete(TextFieldWriter writer, RenderOutput output) => writer.Complete();
}
