using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// casdir's hosted PowerShell engine, in-process: a line or script is parsed and bound whole before it runs,
/// pipelines bind by value and by property name, -WhatIf / -Confirm behave as in EMS, failures are ErrorRecords,
/// and each outcome has its exit code. Every refusal leaves the directory as it was (cn=accesslog unchanged).
/// </summary>
[TestFixture]
public sealed class EngineTests : FreshLabTest
{
    private ProcessResult Script(string text)
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("provision.ps1");
        File.WriteAllText(file, text);
        return Lab.Casdir("-File", file);
    }

    private void AssertNothingWritten(Func<ProcessResult> run, int exitCode, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = run();

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "nothing was written");
    }

    [Test]
    public void A_syntax_error_anywhere_in_a_script_writes_nothing() =>
        AssertNothingWritten(() => Script("New-ADReplicationSite -Name Site-C\nGet-ExchangeServer | where { $_.Name -eq \n"), 2, "provision.ps1:");

    [Test]
    public void An_unknown_cmdlet_on_the_last_line_of_a_script_writes_nothing() =>
        AssertNothingWritten(() => Script("New-ADReplicationSite -Name Site-C\nNew-ClientAccesArray -Fqdn x.lab.local -Site Site-C\n"), 2,
            "provision.ps1:2: The term 'New-ClientAccesArray' is not recognized");

    [Test]
    public void An_unknown_parameter_on_the_last_line_of_a_script_writes_nothing() =>
        AssertNothingWritten(() => Script("New-ADReplicationSite -Name Site-C\nNew-ClientAccessArray -Fqdn x.lab.local -Site Site-C -LoadBalance $true\n"), 2,
            "provision.ps1:2: New-ClientAccessArray: A parameter cannot be found that matches parameter name 'LoadBalance'.");

    [Test]
    public void A_parameter_given_twice_is_a_usage_error_and_writes_nothing() =>
        AssertNothingWritten(() => Lab.Casdir("New-ADReplicationSite -Name Site-C -Name Site-D"), 2, "the parameter -Name is given more than once");

    [Test]
    public void A_value_of_the_wrong_type_is_a_usage_error() =>
        AssertNothingWritten(() => Lab.Casdir("Test-CasTopology -MinimumSeverity fatal"), 2, "Cannot bind parameter 'MinimumSeverity'");

    [Test]
    public void A_missing_mandatory_parameter_without_a_terminal_is_a_usage_error() =>
        AssertNothingWritten(() => Lab.Casdir("New-ClientAccessArray -Fqdn x.lab.local"), 2, "missing mandatory parameters: Site");

    [Test]
    public void WhatIf_on_a_pipeline_says_what_each_object_would_get_and_writes_nothing()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer E2K10-MLT-01 -WhatIf");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("What if: Changing Mailbox database \"MDB01\": -RpcClientAccessServer E2K10-MLT-01.lab.local")
            .And.Contain("What if: Changing Mailbox database \"MDB02\""));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void A_removal_without_a_terminal_asks_and_is_refused_and_Confirm_false_goes_ahead()
    {
        Lab.Casdir("New-ADReplicationSite", "-Name", "Site-C");

        AssertNothingWritten(() => Lab.Casdir("Remove-ADReplicationSite", "Site-C"), 1, "Removing Site \"Site-C\": confirmation is needed and there is no terminal to ask. Add -Confirm:$false");
        Assert.That(Lab.Casdir("Remove-ADReplicationSite", "Site-C", "-Confirm:$false").ExitCode, Is.Zero);
        Assert.That(Lab.Casdir("Get-ADReplicationSite").Output, Does.Not.Contain("Site-C"));
    }

    [Test]
    public void A_pipeline_that_fails_midway_says_exactly_what_it_had_written()
    {
        var result = Lab.Casdir("'Site-C', 'Site-A', 'Site-D' | % { New-ADReplicationSite -Name $_ }");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("New-ADReplicationSite: The site 'Site-A' already exists.")
            .And.Contain("before the error, 3 changes were written: added CN=Site-C,CN=Sites,CN=Configuration,DC=lab,DC=local;"));
        Assert.That(Lab.Casdir("Get-ADReplicationSite").Output, Does.Contain("Site-C").And.Not.Contain("Site-D"), "a run stops at its first error");
    }

    [Test]
    public void When_slapd_dies_halfway_a_script_stops_with_one_connection_message_and_lists_what_it_wrote()
    {
        var pidFile = Path.Combine(Lab.DataDirectory, "slapd", "slapd.pid");

        var result = Script($$"""
            New-ADReplicationSite -Name Site-C
            $slapd = [int](Get-Content '{{pidFile}}')
            /bin/kill $slapd
            while (Test-Path "/proc/$slapd") { Start-Sleep -Milliseconds 50 }
            New-ADReplicationSite -Name Site-D
            """);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("provision.ps1:5: New-ADReplicationSite: The directory at ").And.Contain("could not be reached")
            .And.Contain("before the error, 3 changes were written: added CN=Site-C,CN=Sites,CN=Configuration,DC=lab,DC=local;"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_directory_that_is_down_is_a_ConnectionError_record()
    {
        LocalDirectory.Down(Lab.DataDirectory);

        var result = Lab.Casdir("try { Get-ExchangeServer -ErrorAction Stop } catch { \"$($_.CategoryInfo.Category) $($_.FullyQualifiedErrorId)\" }");

        Assert.That(result.Output.Trim(), Does.StartWith("ConnectionError ADTransientException,"), result.ToString());
    }

    [Test]
    public void With_ErrorAction_Continue_a_script_goes_on_after_an_error_and_still_exits_1()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("provision.ps1");
        File.WriteAllText(file, "New-ADReplicationSite -Name Site-A\nNew-ADReplicationSite -Name Site-D\n");

        var result = Lab.Casdir("-File", file, "-ErrorAction", "Continue");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Lab.Casdir("Get-ADReplicationSite").Output, Does.Contain("Site-D"));
    }

    [Test]
    public void Failures_are_error_records_with_EMS_error_ids_categories_and_targets()
    {
        var result = Lab.Casdir("""
            try { Get-ClientAccessArray NoSuchArray -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "$($_.CategoryInfo.Category)" }
            try { New-ADReplicationSite -Name Site-A -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "$($_.CategoryInfo.Category)"; $_.TargetObject }
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "ManagementObjectNotFoundException,CasDirectory.PowerShell.Arrays.GetClientAccessArrayCommand", "ObjectNotFound",
            "DataValidationException,CasDirectory.PowerShell.Sites.NewADReplicationSiteCommand", "InvalidOperation", "Site-A",
        }));
    }

    [Test]
    public void Objects_have_EMS_property_types()
    {
        var result = Lab.Casdir("""
            $s = Get-ExchangeServer E2K10-MLT-01
            $s.AdminDisplayVersion.Major; $s.AdminDisplayVersion.Build; "$($s.AdminDisplayVersion)"
            [int]$s.ServerRole; "$($s.ServerRole)"; $s.IsClientAccessServer; $s.IsExchange2007OrLater
            "$($s.Site)"; $s.Site.Name
            (Get-MailboxDatabase MDB01).Servers.Count
            """);

        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "14", "247", "Version 14.2 (Build 247.5)", "38", "Mailbox, ClientAccess, HubTransport", "True", "True",
            "lab.local/Configuration/Sites/Site-A", "Site-A", "1",
        }), result.ToString());
    }

    [Test]
    public void A_new_server_carries_the_guid_the_directory_gave_it()
    {
        var result = Lab.Casdir("$s = New-ExchangeServer -Name E2K10-G1 -Roles Mailbox -Version 14.2.247.5 -IPAddress 10.1.0.61; $s.Guid -eq (Get-ExchangeServer E2K10-G1).Guid -and $s.Guid -ne $null");

        Assert.That(result.Output.Trim(), Is.EqualTo("True"), result.ToString());
    }

    [Test]
    public void Objects_piped_in_bind_by_value_and_by_property_name()
    {
        Lab.Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");

        var byValue = Lab.Casdir("Get-MailboxDatabase MDB01 | Set-MailboxDatabase -RpcClientAccessServer (Get-ClientAccessArray CASArray-A)");
        var byName = Lab.Casdir("[pscustomobject]@{ Identity = 'MDB02' } | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");

        Assert.That(byValue.ExitCode, Is.Zero, byValue.ToString());
        Assert.That(byName.ExitCode, Is.Zero, byName.ToString());
        Assert.That(Lab.Casdir("Get-MailboxDatabase | ft Name,RpcClientAccessServer").Output,
            Does.Match(Table.Row("MDB01  outlook.lab.local")).And.Match(Table.Row("MDB02  outlook.lab.local")));
    }

    [Test]
    public void The_module_exports_every_cmdlet_of_its_assembly_and_each_has_help_with_an_example()
    {
        var result = Lab.Casdir("""
            $cmdlets = Get-Command -Module CasDirectory
            $cmdlets.Count
            $cmdlets | ? { -not (Get-Help $_.Name -Full).Examples } | % Name
            $cmdlets | ? { (Get-Help $_.Name).Synopsis -match '^\s*$|\[<CommonParameters>\]' } | % Name
            """);
        var types = typeof(PowerShell.CasDirectoryCmdlet).Assembly.GetTypes()
            .Count(t => !t.IsAbstract && t.GetCustomAttributes(typeof(System.Management.Automation.CmdletAttribute), false).Length > 0);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { types.ToString() }),
            "every cmdlet is exported, and none lacks an example or a synopsis");
    }

    [Test]
    public void Help_syntax_lists_WhatIf_and_Confirm_where_the_cmdlet_takes_them_and_one_line_per_parameter_set()
    {
        var result = Lab.Casdir("""
            $changing = Get-Command -Module CasDirectory | ? { $_.Parameters.ContainsKey('WhatIf') }
            $changing.Count
            $changing | ? { ((Get-Help $_.Name).Syntax | Out-String) -notmatch '\[-WhatIf\] \[-Confirm\]' } | % Name
            (Get-Command -Module CasDirectory | ? { -not $_.Parameters.ContainsKey('WhatIf') -and ((Get-Help $_.Name).Syntax | Out-String) -match 'WhatIf' }).Count
            @((Get-Help Get-ADReplicationSite).Syntax.syntaxItem).Count
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(int.Parse(lines[0]), Is.GreaterThan(10), "the cmdlets that change something");
        Assert.That(lines.Skip(1), Is.EqualTo(new[] { "0", "2" }), "each lists [-WhatIf] [-Confirm] as stock cmdlets do, no other does, and a cmdlet with two parameter sets has two syntax lines");
    }

    [Test]
    public void The_Windows_aliases_pwsh_on_Linux_leaves_to_Linux_programs_are_cmdlets_again()
    {
        var result = Lab.Casdir("""
            Get-ADReplicationSite | sort Name -Descending | select -First 1 -ExpandProperty Name
            ('sort','tee','sleep','write','compare','diff','cat','ls','ac' | % { (Get-Command $_).ResolvedCommandName }) -join ','
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[]
        {
            "Site-B",
            "Sort-Object,Tee-Object,Start-Sleep,Write-Output,Compare-Object,Compare-Object,Get-Content,Get-ChildItem,Add-Content",
        }), "| sort sorts objects, as in EMS, rather than handing text to /usr/bin/sort");
    }

    [Test]
    public void The_session_is_a_full_shell_as_EMS_is_so_report_scripts_run_as_written()
    {
        using var folder = new TemporaryFolder();
        var report = folder.Combine("servers.csv");
        var scratch = folder.Combine("scratch.txt");
        File.WriteAllText(scratch, "left over");

        var result = Script($$"""
            Get-ExchangeServer | Select-Object Name, Site | Export-Csv -NoTypeInformation '{{report}}'
            (Import-Csv '{{report}}' | Measure-Object).Count
            Remove-Item '{{scratch}}'
            Test-Path '{{scratch}}'
            (ConvertTo-SecureString 'p' -AsPlainText -Force).GetType().Name
            (Start-Process /bin/true -Wait -PassThru).ExitCode
            Invoke-Expression '1 + 1'
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Is.EqualTo(new[] { LabObjects.ServerNames.Length.ToString(), "False", "SecureString", "0", "2" }), "Export-Csv, Import-Csv, Remove-Item, ConvertTo-SecureString, Start-Process and Invoke-Expression all run");
        Assert.That(File.ReadAllText(report), Does.Contain("\"E2K10-MLT-01\""));
    }

    [Test]
    public void Site_and_RpcClientAccessServer_tab_complete_from_the_directory()
    {
        Lab.Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");

        string Complete(string input) => Lab.Casdir($"(TabExpansion2 -inputScript '{input}' -cursorColumn {input.Length}).CompletionMatches.CompletionText -join ','").Output.Trim();

        Assert.That(Complete("Get-ClientAccessArray -Site Site-"), Is.EqualTo("Site-A,Site-B"));
        Assert.That(Complete("Set-MailboxDatabase MDB01 -RpcClientAccessServer "), Is.EqualTo("E2K10-MLT-01.lab.local,E2K10-MLT-02.lab.local,outlook.lab.local"));
        Assert.That(Complete("Get-MailboxDatabase -Identity M"), Is.EqualTo("MDB01,MDB02"));
        Assert.That(Complete("Get-ExchangeServer E2K1"), Is.EqualTo("E2K10-MLT-01,E2K10-MLT-02"));
    }

    [Test]
    public void The_hosted_engine_sends_no_telemetry_and_checks_for_no_update() =>
        Assert.That(Lab.Casdir("\"$env:POWERSHELL_TELEMETRY_OPTOUT $env:POWERSHELL_UPDATECHECK\"").Output.Trim(), Is.EqualTo("1 Off"));

    [Test]
    public void Test_CasTopology_sets_LASTEXITCODE_and_casdir_exits_with_it()
    {
        var found = Lab.Casdir("Test-CasTopology | Out-Null; $LASTEXITCODE");
        Lab.Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");
        var clean = Lab.Casdir("Test-CasTopology");

        Assert.That(found.Output.Trim(), Is.EqualTo("1"));
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
    }
}

/// <summary>-DomainController and -Credential on every cmdlet: any directory, as any account, held to that account's rights.</summary>
[TestFixture]
public sealed class CredentialTests : SharedLabTest
{
    private string As(string account) =>
        $"$c = [pscredential]::new('{Lab.Account(account).Dn}', [System.Net.NetworkCredential]::new('', (Get-Content -Raw '{Lab.Account(account).PasswordFile}')).SecurePassword); ";

    [Test]
    public void A_PSCredential_binds_as_that_account_against_the_domain_controller_given()
    {
        var result = InProcessCasdir.Run([As(Ldap.Local.DirectoryAccounts.Reader) + $"Get-ExchangeServer -DomainController {Lab.Url} -Credential $c | % Name"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { "E2003-BE", "E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02" }));
    }

    [Test]
    public void The_reader_account_cannot_write_and_the_error_record_says_permission_denied()
    {
        var writes = Lab.SuccessfulWrites();

        var result = InProcessCasdir.Run([As(Ldap.Local.DirectoryAccounts.Reader) +
            $"try {{ New-ADReplicationSite -Name Site-R -DomainController {Lab.Url} -Credential $c -ErrorAction Stop }} catch {{ \"$($_.CategoryInfo.Category) $($_.FullyQualifiedErrorId)\" }}"]);

        Assert.That(result.Output.Trim(), Does.StartWith("PermissionDenied ADOperationException,"), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }
}

/// <summary>Exchange's value types behave as EMS's do when scripts sort, compare and group (issue: values that behave as EMS's).</summary>
[TestFixture]
public sealed class ExchangeValueBehaviourTests : SharedLabTest
{
    [Test]
    public void Servers_sort_by_AdminDisplayVersion_as_versions_not_as_text()
    {
        var order = Lab.Casdir("(Get-ExchangeServer | Sort-Object AdminDisplayVersion, Name | % Name) -join ','").Output.Trim();

        Assert.That(order, Is.EqualTo("E2003-BE,E2K7-MLT-02,E2K10-MLT-01,E2K10-MLT-02"), "6.5 < 8.3 < 14.2 (as text, 'Version 14' sorts first)");
    }

    [Test]
    public void A_version_compares_with_a_version_typed_as_text()
    {
        var result = Lab.Casdir("""
            (Get-ExchangeServer | ? { $_.AdminDisplayVersion -ge "14.0" } | % Name) -join ','
            (Get-ExchangeServer | ? { $_.AdminDisplayVersion -lt "Version 8.3 (Build 83.6)" } | % Name) -join ','
            """);

        Assert.That(result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "E2K10-MLT-01,E2K10-MLT-02", "E2003-BE" }));
    }

    [Test]
    public void Identities_of_the_same_object_are_equal_so_scripts_can_compare_and_group_them()
    {
        var result = Lab.Casdir("""
            (Get-ExchangeServer E2K10-MLT-01).Site -eq (Get-ExchangeServer E2K10-MLT-02).Site
            (Get-MailboxDatabase MDB01).Server -eq (Get-MailboxDatabase MDB02).Server
            """);

        Assert.That(result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "True", "False" }));
    }

    [Test]
    public void Identities_take_EMS_s_wildcards_and_SERVER_backslash_name_forms()
    {
        var result = Lab.Casdir("""
            (Get-EcpVirtualDirectory -Identity "E2K10-MLT-01\ecp*" | % Identity) -join ','
            (Get-OwaVirtualDirectory -Identity "*\owa (Default Web Site)" | % { $_.Server }) -join ','
            (Get-MailboxDatabase -Identity "E2K10-MLT-02\MDB02").Name
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            @"E2K10-MLT-01\ecp (Default Web Site)", "E2K10-MLT-01,E2K10-MLT-02,E2K7-MLT-02", "MDB02",
        }));
    }

    [Test]
    public void A_site_property_the_object_always_carries_may_be_named_in_Properties_as_the_AD_module_allows()
    {
        var result = Lab.Casdir("(Get-ADReplicationSite -Identity Site-A -Properties AutomaticInterSiteTopologyGenerationEnabled).AutomaticInterSiteTopologyGenerationEnabled");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo("True"), "Microsoft Learn, Get-ADReplicationSite, example 4");
    }

    [Test]
    public void A_Set_cmdlet_refuses_a_wildcard_identity_and_writes_nothing()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("Set-OwaVirtualDirectory '*' -ExternalUrl https://mail.lab.local/owa");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("has wildcards"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }
}
