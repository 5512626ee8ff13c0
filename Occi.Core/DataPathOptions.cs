namespace Occi.Core;

/// <summary>
/// <c>Occi:DataPath</c>: the one folder of a server's local state, shared by the embedded store and the
/// local backend (each binds it beside its own section, so neither reads the key by hand).
/// </summary>
public sealed class DataPathOptions
{
    /// <summary>The key sits at the root of the "Occi" section; binding that section fills only this property.</summary>
    public const string Section = "Occi";

    public const string Default = "./data";

    public string DataPath { get; set; } = Default;

    /// <summary>The folder to use: an empty value means the default, as it always has.</summary>
    public string Folder => string.IsNullOrEmpty(DataPath) ? Default : DataPath;
}
