using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Recipients;

/// <summary>
/// The other kinds of mailbox New-Mailbox and Enable-Mailbox make (disabled, linked, arbitration, discovery, with an
/// archive), what is refused because it needs another forest or Exchange Online, and the move request options.
/// </summary>
[TestFixture]
public sealed class MailboxKindsTests : FreshLabTest
{
    private LdifEntry User(string name) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, $"CN={name},CN=Users,{Lab.Partition.DomainDn}", "(objectClass=*)", "base", "*").Single();

    private IReadOnlyList<LdifEntry> Users() =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Lab.Partition.DomainDn, "(objectClass=user)", "sub", "cn");

    private string[] Lines(string line) =>
        Lab.Casdir(line).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Test]
    public void New_Mailbox_AccountDisabled_makes_a_mailbox_whose_user_cannot_log_on_and_needs_no_password()
    {
        var result = Lab.Casdir("New-Mailbox -Name 'Dana Lee' -Alias dana -AccountDisabled");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(User("Dana Lee").Value("userAccountControl"), Is.EqualTo("514"));
        Assert.That(User("Dana Lee").Value("msExchRecipientTypeDetails"), Is.EqualTo("1"));
    }

    [Test]
    public void A_room_mailbox_keeps_its_capacity_office_and_phone_and_its_user_is_disabled()
    {
        var result = Lab.Casdir("New-Mailbox -Name 'Room 1' -Alias room1 -Room -ResourceCapacity 12 -Office 'Building 2' -Phone '+1 555 0100'");
        var room = User("Room 1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(room.Value("msExchResourceCapacity"), Is.EqualTo("12"));
        Assert.That(room.Value("physicalDeliveryOfficeName"), Is.EqualTo("Building 2"));
        Assert.That(room.Value("telephoneNumber"), Is.EqualTo("+1 555 0100"));
        Assert.That(room.Value("userAccountControl"), Is.EqualTo("514"));
    }

    [Test]
    public void Arbitration_mailboxes_are_made_and_listed_only_with_Arbitration_and_the_last_one_is_kept()
    {
        var made = Lab.Casdir("New-Mailbox -Name 'SystemMailbox Moderation' -Alias sysmod -Arbitration");
        var plain = Lines("Get-Mailbox | ForEach-Object Alias");
        var arbitration = Lines("Get-Mailbox -Arbitration | ForEach-Object Alias");
        var moderated = Lab.Casdir("Set-Mailbox alex -ArbitrationMailbox sysmod -ModeratedBy ben -ModerationEnabled $true");
        var last = Lab.Casdir("Remove-Mailbox sysmod -Arbitration -Confirm:$false");

        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        Assert.That(User("SystemMailbox Moderation").Value("msExchRecipientTypeDetails"), Is.EqualTo("8388608"));
        Assert.That(plain, Does.Not.Contain("sysmod"));
        Assert.That(arbitration, Is.EqualTo(new[] { "sysmod" }));
        Assert.That(moderated.ExitCode, Is.Zero, moderated.ToString());
        Assert.That(User("Alex Darrow").Value("msExchArbitrationMailbox"), Does.StartWith("CN=SystemMailbox Moderation,").IgnoreCase);
        Assert.That(User("Alex Darrow").Value("msExchEnableModeration"), Is.EqualTo("TRUE"));
        Assert.That(last.ExitCode, Is.EqualTo(1));
        Assert.That(last.Error, Does.Contain("last arbitration mailbox"));
    }

    [Test]
    public void A_discovery_mailbox_has_its_recipient_type()
    {
        var result = Lab.Casdir("New-Mailbox -Name 'Discovery Search Mailbox' -Alias discovery -Discovery");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(User("Discovery Search Mailbox").Value("msExchRecipientTypeDetails"), Is.EqualTo("536870912"));
    }

    [Test]
    public void A_linked_mailbox_keeps_its_master_accounts_SID_and_an_account_name_of_another_forest_is_refused()
    {
        const string sid = "S-1-5-21-1004336348-1177238915-682003330-1103";
        var linked = Lab.Casdir($"New-Mailbox -Name 'Eve Linked' -Alias eve -LinkedMasterAccount {sid} -LinkedDomainController dc1.fabrikam.com");
        var byName = Lab.Casdir(@"New-Mailbox -Name 'Fay Linked' -Alias fay -LinkedMasterAccount FABRIKAM\fay -LinkedDomainController dc1.fabrikam.com");

        Assert.That(linked.ExitCode, Is.Zero, linked.ToString());
        Assert.That(User("Eve Linked").Value("msExchRecipientTypeDetails"), Is.EqualTo("2"));
        Assert.That(User("Eve Linked").Binary("msExchMasterAccountSid"), Has.Length.EqualTo(28));
        Assert.That(Lab.Casdir("Get-Mailbox eve | Format-List LinkedMasterAccount").Output, Does.Contain(sid));
        Assert.That(byName.ExitCode, Is.EqualTo(2), byName.ToString());
        Assert.That(byName.Error, Does.Contain("another forest"));
        Assert.That(Users().Select(u => u.Value("cn")), Does.Not.Contain("Fay Linked"));
    }

    [Test]
    public void A_remote_archive_needs_Exchange_Online_and_is_refused_with_nothing_written()
    {
        var result = Lab.Casdir("New-Mailbox -Name 'Gus Remote' -Alias gus -UserPrincipalName gus@lab.local -Password (ConvertTo-SecureString 'Lab-Pa55word!' -AsPlainText -Force) -RemoteArchive -ArchiveDomain archive.lab.local");
        var policy = Lab.Casdir("New-Mailbox -Name 'Hal Policy' -Alias hal -AccountDisabled -RetentionPolicy 'Default MRM Policy'");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("Exchange Online"));
        Assert.That(policy.ExitCode, Is.EqualTo(1), policy.ToString());
        Assert.That(policy.Error, Does.Contain("holds no retention policies"));
        Assert.That(Users().Select(u => u.Value("cn")), Does.Not.Contain("Gus Remote").And.Not.Contain("Hal Policy"));
    }

    [Test]
    public void An_archive_is_added_listed_moved_and_taken_away()
    {
        var enabled = Lab.Casdir("Enable-Mailbox alex -Archive -ArchiveDatabase MDB02");
        var withArchive = Lines("Get-Mailbox -Archive | ForEach-Object Alias");
        var alex = User("Alex Darrow");
        var moved = Lab.Casdir("New-MoveRequest alex -ArchiveOnly -ArchiveTargetDatabase MDB01");
        var afterMove = User("Alex Darrow");
        Lab.Casdir("Remove-MoveRequest alex -Confirm:$false");
        var disabled = Lab.Casdir("Disable-Mailbox alex -Archive -Confirm:$false");

        Assert.That(enabled.ExitCode, Is.Zero, enabled.ToString());
        Assert.That(alex.Value("msExchArchiveDatabaseLink"), Does.StartWith("CN=MDB02,").IgnoreCase);
        Assert.That(alex.Binary("msExchArchiveGUID"), Has.Length.EqualTo(16));
        Assert.That(alex.Values("msExchArchiveName"), Is.EqualTo(new[] { "Online Archive - Alex Darrow" }));
        Assert.That(withArchive, Is.EqualTo(new[] { "alex" }));
        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        Assert.That(afterMove.Value("msExchArchiveDatabaseLink"), Does.StartWith("CN=MDB01,").IgnoreCase);
        Assert.That(afterMove.Value("homeMDB"), Does.StartWith("CN=MDB01,").IgnoreCase, "-ArchiveOnly leaves the primary mailbox");
        Assert.That(disabled.ExitCode, Is.Zero, disabled.ToString());
        Assert.That(User("Alex Darrow").Value("msExchArchiveGUID"), Is.Null);
        Assert.That(User("Alex Darrow").Value("homeMDB"), Is.Not.Null, "the mailbox stays");
    }

    [Test]
    public void A_cross_forest_move_is_refused_after_binding_with_exit_1()
    {
        var result = Lab.Casdir("New-MoveRequest alex -Remote -RemoteHostName mail.fabrikam.com -TargetDatabase MDB02");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("another forest"));
        Assert.That(User("Alex Darrow").Value("msExchMailboxMoveStatus"), Is.Null);
    }

    [Test]
    public void Move_options_are_kept_in_the_request_flags_and_SuspendWhenReadyToComplete_leaves_the_mailbox()
    {
        var high = Lab.Casdir("New-MoveRequest alex -TargetDatabase MDB02 -Priority High -Protect -MRSServer E2K10-MLT-01.lab.local");
        var suspended = Lab.Casdir("New-MoveRequest cara -TargetDatabase MDB01 -SuspendWhenReadyToComplete");
        var badItems = Lab.Casdir("New-MoveRequest ben -TargetDatabase MDB02 -BadItemLimit 100");
        var highOnes = Lines("Get-MoveRequest -HighPriority $true | ForEach-Object Alias");

        Assert.That(high.ExitCode, Is.Zero, high.ToString());
        Assert.That(User("Alex Darrow").Value("msExchMailboxMoveFlags"), Is.EqualTo("170"), "IntraOrg 2 + Pull 8 + Protected 32 + HighPriority 128");
        Assert.That(suspended.ExitCode, Is.Zero, suspended.ToString());
        Assert.That(User("Cara Lee").Value("msExchMailboxMoveStatus"), Is.EqualTo("3"), "AutoSuspended");
        Assert.That(User("Cara Lee").Value("homeMDB"), Does.StartWith("CN=MDB02,").IgnoreCase, "not moved");
        Assert.That(badItems.ExitCode, Is.EqualTo(2));
        Assert.That(badItems.Error, Does.Contain("AcceptLargeDataLoss"));
        Assert.That(highOnes, Is.EqualTo(new[] { "alex" }));
    }

    [Test]
    public void Remove_MoveRequest_takes_the_queue_and_the_mailbox_GUID()
    {
        Lab.Casdir("New-MoveRequest alex -TargetDatabase MDB02");
        var guid = Lab.Casdir("(Get-Mailbox alex).ExchangeGuid.ToString()").Output.Trim();
        var removed = Lab.Casdir($"Remove-MoveRequest -MoveRequestQueue MDB02 -MailboxGuid {guid} -Confirm:$false");

        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
        Assert.That(User("Alex Darrow").Value("msExchMailboxMoveStatus"), Is.Null);
    }

    [Test]
    public void Enable_Mailbox_Room_makes_an_existing_user_a_room_and_disables_its_logon()
    {
        Lab.Tools.Add(DirectoryAccounts.Provisioning, $"""
            dn: CN=Room 7,CN=Users,{Lab.Partition.DomainDn}
            objectClass: top
            objectClass: person
            objectClass: organizationalPerson
            objectClass: user
            cn: Room 7
            sn: Room 7
            sAMAccountName: room7
            """);
        var result = Lab.Casdir("Enable-Mailbox 'Room 7' -Room -Database MDB01");
        var room = User("Room 7");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(room.Value("msExchRecipientTypeDetails"), Is.EqualTo("16"));
        Assert.That(room.Value("userAccountControl"), Is.EqualTo("514"));
        Assert.That(room.Value("homeMDB"), Does.StartWith("CN=MDB01,").IgnoreCase);
    }

    [Test]
    public void Remove_Mailbox_StoreMailboxIdentity_is_refused_the_store_is_not_modelled()
    {
        var result = Lab.Casdir("Remove-Mailbox -Database MDB01 -StoreMailboxIdentity 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f -Confirm:$false");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("models no store"));
    }
}
