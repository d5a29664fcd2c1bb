using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Removes a Mailbox server from a database availability group; asks unless -Confirm:$false.</para>
/// <para type="description">Undoes Add-DatabaseAvailabilityGroupServer exactly: the server's msExchMDBAvailabilityGroupLink, which names the DAG, is deleted in one LDAP modify. As in Exchange 2010, a server that still hosts a copy of a replicated database (one with copies on more than one server) is refused: remove those copies first. -ConfigurationOnly is accepted: the directory is the configuration, there is no cluster node to evict.</para>
/// </summary>
/// <example>
/// <code>Remove-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-01 -Confirm:$false</code>
/// <para>Removes E2K10-MLT-01 from DAG01 (Microsoft Learn, Remove-DatabaseAvailabilityGroupServer, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Remove-DatabaseAvailabilityGroupServer -Identity DAG01 -MailboxServer E2K10-MLT-02 -ConfigurationOnly</code>
/// <para>Removes E2K10-MLT-02 from DAG01's configuration, as done for a server that is down.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "DatabaseAvailabilityGroupServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveDatabaseAvailabilityGroupServerCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG: name or DN; or a DAG piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DatabaseAvailabilityGroupIdParameter Identity { get; set; } = null!;

    /// <summary>The member server to remove: name, FQDN or DN; or a server piped in.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter MailboxServer { get; set; } = null!;

    /// <summary>Only the configuration in the directory: here, the same as without it (there is no cluster).</summary>
    [Parameter]
    public SwitchParameter ConfigurationOnly { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var servers = directory.ReadServersAndArrays().Servers;
        var dag = ObjectLookup.DatabaseAvailabilityGroup(directory.ReadDatabaseAvailabilityGroups(servers), Identity.RawIdentity);
        var member = ObjectLookup.Server(servers, MailboxServer.RawIdentity);
        CurrentTarget = dag.Name;
        if (!dag.ServerNames.Any(n => ObjectLookup.Same(n, member.Name)))
            throw new DomainRuleException($"{member.Name} is not a member of DAG '{dag.Name}'.");
        var replicated = directory.ReadDatabases()
            .Where(d => d.CopyServerNames.Count > 1 && d.CopyServerNames.Any(n => ObjectLookup.Same(n, member.Name)))
            .Select(d => d.Name).ToList();
        if (replicated.Count > 0)
            throw new DomainRuleException($"{member.Name} still hosts copies of replicated databases ({string.Join(", ", replicated)}); remove those copies first, then remove the server from DAG '{dag.Name}'.");
        if (ShouldWrite($"Database availability group \"{dag.Name}\"", $"-MailboxServer {member.Name}"))
            directory.RemoveDatabaseAvailabilityGroupServer(dag, member);
    }
}
