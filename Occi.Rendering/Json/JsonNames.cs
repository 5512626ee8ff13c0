using System.Text.Json;

namespace Occi.Rendering.Json;

/// <summary>Member names of the OCCI 1.2 JSON rendering (GFD.225 §3), encoded once.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Kinds = JsonEncodedText.Encode("kinds");
    public static readonly JsonEncodedText Mixins = JsonEncodedText.Encode("mixins");
    public static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
    public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    public static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    public static readonly JsonEncodedText Links = JsonEncodedText.Encode("links");
    public static readonly JsonEncodedText Resources = JsonEncodedText.Encode("resources");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    public static readonly JsonEncodedText Term = JsonEncodedText.Encode("term");
    public static readonly JsonEncodedText Scheme = JsonEncodedText.Encode("scheme");
    public static readonly JsonEncodedText Parent = JsonEncodedText.Encode("parent");
    public static readonly JsonEncodedText Depends = JsonEncodedText.Encode("depends");
    public static readonly JsonEncodedText Applies = JsonEncodedText.Encode("applies");
    public static readonly JsonEncodedText Mutable = JsonEncodedText.Encode("mutable");
    public static readonly JsonEncodedText Required = JsonEncodedText.Encode("required");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Default = JsonEncodedText.Encode("default");
    public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    public static readonly JsonEncodedText Pattern = JsonEncodedText.Encode("pattern");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText CoreId = JsonEncodedText.Encode(Occi.Core.Model.Entity.IdAttribute);
}
