namespace Occi.Backends.OpenStack;

/// <summary>
/// One Keystone account: a password with a project scope (user, password, project and their domains), or an application
/// credential (scoped by Keystone itself), which wins over the password. The configured account (<see cref="OpenStackOptions"/>)
/// and each tenant's service account (Occi:OpenStack:ServiceAccounts:&lt;tenant&gt;) have these keys.
/// </summary>
public class OpenStackAccount
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string ProjectName { get; set; } = "";
    public string UserDomain { get; set; } = "Default";
    public string ProjectDomain { get; set; } = "Default";
    public string ApplicationCredentialId { get; set; } = "";
    public string ApplicationCredentialSecret { get; set; } = "";

    internal bool UsesApplicationCredential => ApplicationCredentialId.Length > 0;
    internal bool IsConfigured => UsesApplicationCredential || Username.Length > 0;

    /// <summary>What tells two accounts apart in logs and caches; never the secret.</summary>
    internal string Key => UsesApplicationCredential ? "appcred:" + ApplicationCredentialId : $"{UserDomain}/{Username}@{ProjectDomain}/{ProjectName}";
}
