using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Adds an Exchange 2010 Mailbox server to a database availability group.</para>
/// <para type="description">The one write is the server's msExchMDBAvailabilityGroupLink, naming the DAG; Remove-DatabaseAvailabilityGroupServer deletes it again. No cluster is formed.</para>
/// </summary>
/// <example>
/// <code>Add-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-01</code>
/// <para>Adds E2K10-MLT-01 to DAG01.</para>
/// </example>
/// <example>
/// <code>Add-DatabaseAvailabilityGroupServer -Identity DAG01 -MailboxServer E2K10-MLT-02</code>
/// <para>Adds E2K10-MLT-02 to DAG01 (Microsoft Learn, Add-DatabaseAvailabilityGroupServer, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "DatabaseAvailabilityGroupServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class AddDatabaseAvailabilityGroupServerCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DatabaseAvailabilityGroupIdParameter Identity { get; set; } = null!;

    /// <summary>The Exchange 2010 Mailbox server to add: name, FQDN or DN; or a server piped in.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter MailboxServer { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var servers = directory.ReadServersAndArrays().Servers;
        var dag = ObjectLookup.DatabaseAvailabilityGroup(directory.ReadDatabaseAvailabilityGroups(servers), Identity.RawIdentity);
        var member = ObjectLookup.Server(servers, MailboxServer.RawIdentity);
        CurrentTarget = dag.Name;
        if (!member.IsExchange2010 || !member.HasRole(ServerRoles.Mailbox))
            throw new DomainRuleException($"{member.Name} is not an Exchange 2010 Mailbox server; only those join a DAG.");
        if (member.DatabaseAvailabilityGroupName is { } current && !ObjectLookup.Same(current, dag.Name))
            throw new DomainRuleException($"{member.Name} is already a member of DAG '{current}'.");
        if (ShouldWrite($"Database availability group \"{dag.Name}\"", $"-MailboxServer {member.Name}"))
            directory.AddDatabaseAvailabilityGroupServer(dag, member);
    }
}
