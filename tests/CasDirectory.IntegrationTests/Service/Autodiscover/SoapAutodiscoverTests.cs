using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Service.Autodiscover;

/// <summary>
/// SOAP Autodiscover asked by a client we did not write: ews-javascript-api, the EWS Managed API's JavaScript port
/// (tests/ews-client), trusting the lab's CA. Its getUserSettings gets Exchange 2010 SP1's answers.
/// </summary>
[TestFixture]
public sealed class SoapAutodiscoverTests : FreshLabTest
{
    private AutodiscoverClient _client = null!;

    [SetUp]
    public async Task StartService() => _client = await AutodiscoverClient.Start(Lab);

    [TearDown]
    public async Task StopService() => await _client.DisposeAsync();

    private const string Settings = "UserDisplayName,UserDN,UserDeploymentId,InternalRpcClientServer,InternalMailboxServer,InternalMailboxServerDN,MailboxDN,PublicFolderServer," +
                                    "ActiveDirectoryServer,ExternalMailboxServer,ExternalMailboxServerRequiresSSL,InternalEwsUrl,ExternalEwsUrl,CasVersion,EwsSupportedSchemas,InternalWebClientUrls";

    private static string Setting(System.Text.Json.JsonElement answer, string name) => answer.GetProperty("settings").GetProperty(name).GetString()!;

    [Test]
    public void InternalRpcClientServer_is_the_server_before_the_array_and_the_array_after_the_databases_are_re_pointed()
    {
        Lab.Casdir("New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-02");
        Lab.Casdir("Set-MailboxDatabase MDB01 -PublicFolderDatabase PFDB01");
        var before = _client.EwsGetUserSettings("alex@lab.local", Settings);
        Lab.Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        var arrayOnly = _client.EwsGetUserSettings("alex@lab.local", Settings);
        Lab.Casdir("Set-MailboxDatabase MDB01 -RpcClientAccessServer outlook.lab.local");
        var after = _client.EwsGetUserSettings("alex@lab.local", Settings);

        Assert.That(before.ExitCode, Is.Zero, before.Error);
        Assert.That(after.ExitCode, Is.Zero, after.Error);
        Assert.Multiple(() =>
        {
            Assert.That(Setting(before.Answer!.Value, "InternalRpcClientServer"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
            Assert.That(Setting(arrayOnly.Answer!.Value, "InternalRpcClientServer"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase, "A4: a new array changes no database");
            Assert.That(Setting(after.Answer!.Value, "InternalRpcClientServer"), Is.EqualTo("outlook.lab.local"));
            Assert.That(Setting(after.Answer!.Value, "InternalMailboxServer"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase, "the mailbox server, never the array");
            Assert.That(Setting(after.Answer!.Value, "PublicFolderServer"), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase, "the public folder database's server, never the array");
            Assert.That(Setting(after.Answer!.Value, "MailboxDN"), Does.EndWith("/cn=Servers/cn=outlook.lab.local/cn=Microsoft Private MDB").IgnoreCase, "an array's legacyExchangeDN ends in its FQDN, as in the KB sample");
            Assert.That(Setting(after.Answer!.Value, "UserDN"), Does.EndWith("/cn=Recipients/cn=alex"));
            Assert.That(Setting(after.Answer!.Value, "ExternalMailboxServer"), Is.EqualTo("webmail.lab.local"));
            Assert.That(Setting(after.Answer!.Value, "CasVersion"), Is.EqualTo("14.02.0247.005"));
            Assert.That(after.Answer!.Value.GetProperty("serverInfo").GetProperty("VersionString").GetString(), Is.EqualTo("Exchange2010_SP2"));
            Assert.That(after.Answer!.Value.GetProperty("missing").GetArrayLength(), Is.Zero, "every setting asked for came back, as a value or an error");
        });
    }

    [Test]
    public void A_wrong_password_fails_as_against_Exchange_with_401()
    {
        var result = _client.EwsGetUserSettings("alex@lab.local", "UserDisplayName", password: "not-the-password");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.Error);
        Assert.That(result.Error, Does.Contain("401"));
    }

    [Test]
    public void An_unknown_mailbox_is_InvalidUser()
    {
        var result = _client.EwsGetUserSettings("nobody@lab.local", "UserDisplayName");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.Error);
        Assert.That(result.Answer!.Value.GetProperty("errorCode").GetString(), Is.EqualTo("InvalidUser"));
    }

    [Test]
    public void A_setting_with_no_value_here_is_SettingIsNotAvailable()
    {
        var result = _client.EwsGetUserSettings("alex@lab.local", "UserDisplayName,PublicFolderServer,InternalOABUrl");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        var errors = result.Answer!.Value.GetProperty("settingErrors").EnumerateArray().Select(e => (e.GetProperty("settingName").GetString(), e.GetProperty("errorCode").GetString()));
        Assert.That(errors, Is.EquivalentTo(new[] { ("PublicFolderServer", "SettingIsNotAvailable"), ("InternalOABUrl", "SettingIsNotAvailable") }));
    }
}
