using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Lists move requests (kept on the users they move): all, one mailbox's, by status, batch, database, flag or organizational unit.</para>
/// </summary>
/// <example>
/// <code>Get-MoveRequest -MoveStatus Completed</code>
/// <para>Lists the completed moves (Microsoft Learn, Get-MoveRequest, Exchange 2010 example, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-MoveRequest -BatchName 'DB01toDB02' -HighPriority $false</code>
/// <para>Lists the batch's requests of normal priority.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "MoveRequest", DefaultParameterSetName = "Filtering")]
[OutputType(typeof(Objects.MoveRequest))]
public sealed class GetMoveRequestCommand : CasDirectoryCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "Identity", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MoveRequestIdParameter? Identity { get; set; }

    [Parameter(ParameterSetName = "Filtering")] public RequestStatus MoveStatus { get; set; }
    [Parameter(ParameterSetName = "Filtering")] public string? BatchName { get; set; }

    [Parameter(ParameterSetName = "Filtering")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? SourceDatabase { get; set; }

    [Parameter(ParameterSetName = "Filtering")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? TargetDatabase { get; set; }

    /// <summary>Requests with (or without) the HighPriority flag.</summary>
    [Parameter(ParameterSetName = "Filtering")] public bool HighPriority { get; set; }
    [Parameter(ParameterSetName = "Filtering")] public bool Offline { get; set; }
    [Parameter(ParameterSetName = "Filtering")] public bool Protect { get; set; }
    [Parameter(ParameterSetName = "Filtering")] public bool Suspend { get; set; }
    [Parameter(ParameterSetName = "Filtering")] public bool SuspendWhenReadyToComplete { get; set; }
    /// <summary>Requests to or from that host: every request here is within the organisation, so none has one.</summary>
    [Parameter(ParameterSetName = "Filtering")] public Objects.Fqdn? RemoteHostName { get; set; }

    [Parameter] public OrganizationalUnitIdParameter? OrganizationalUnit { get; set; }
    [Parameter, Validation.ExchangeValue(typeof(Core.Values.Unlimited<uint>))] public Core.Values.Unlimited<uint> ResultSize { get; set; } = new(1000);
    /// <summary>A property to sort by (DisplayName, Status, TargetDatabase, BatchName, …).</summary>
    [Parameter] public string? SortBy { get; set; }
    /// <summary>The one organisation of this directory; another is refused.</summary>
    [Parameter] public OrganizationIdParameter? Organization { get; set; }
    /// <summary>Exchange 2010 hosting: every tenant's requests. The directory holds one organisation, so they are all listed anyway.</summary>
    [Parameter] public SwitchParameter MultiTenant { get; set; }

    private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        Organization?.RequireIn(directory);
        var databases = directory.ReadDatabases();
        IEnumerable<Mailbox> moved = directory.ReadMailboxes().Where(m => m.Move is not null);
        if (Identity is not null)
        {
            var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
            moved = mailbox.Move is null ? throw new ObjectNotFoundException("move request", Identity.RawIdentity) : [mailbox];
        }
        if (Given(nameof(MoveStatus)))
            moved = moved.Where(m => m.Move!.Status == MoveStatus);
        if (BatchName is not null)
            moved = moved.Where(m => string.Equals(m.Move!.BatchName, BatchName, StringComparison.OrdinalIgnoreCase));
        if (SourceDatabase is not null)
        {
            var source = ObjectLookup.Database(databases, SourceDatabase.RawIdentity);
            moved = moved.Where(m => DistinguishedNames.AreEqual(m.Move!.SourceDatabaseDn, source.DistinguishedName));
        }
        if (TargetDatabase is not null)
        {
            var target = ObjectLookup.Database(databases, TargetDatabase.RawIdentity);
            moved = moved.Where(m => DistinguishedNames.AreEqual(m.Move!.TargetDatabaseDn, target.DistinguishedName));
        }
        foreach (var (name, flag, wanted) in new[]
                 {
                     (nameof(HighPriority), MoveRequestFlags.HighPriority, HighPriority), (nameof(Offline), MoveRequestFlags.Offline, Offline),
                     (nameof(Protect), MoveRequestFlags.Protected, Protect), (nameof(Suspend), MoveRequestFlags.Suspend, Suspend),
                     (nameof(SuspendWhenReadyToComplete), MoveRequestFlags.SuspendWhenReadyToComplete, SuspendWhenReadyToComplete),
                 })
            if (Given(name))
                moved = moved.Where(m => m.Move!.Flags.HasFlag(flag) == wanted);
        if (RemoteHostName is not null)
            moved = [];
        if (OrganizationalUnit is not null)
        {
            var container = RecipientContainers.Resolve(directory, OrganizationalUnit.RawIdentity);
            moved = moved.Where(m => DistinguishedNames.Normalize(m.DistinguishedName).EndsWith("," + DistinguishedNames.Normalize(container), StringComparison.Ordinal));
        }
        var list = moved.Select(m => Objects.MoveRequest.From(m, databases)!).ToList();
        if (SortBy is not null)
        {
            var info = typeof(Objects.MoveRequest).GetProperties().FirstOrDefault(p => p.Name.Equals(SortBy, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainRuleException($"-SortBy '{SortBy}' is not a property of a move request; use one such as DisplayName, Status, TargetDatabase or BatchName.", isMalformedInput: true);
            list = list.OrderBy(r => info.GetValue(r)?.ToString(), StringComparer.OrdinalIgnoreCase).ToList();
        }
        var limit = ResultSize.IsUnlimited ? list.Count : (int)Math.Min(ResultSize.Value, int.MaxValue);
        foreach (var request in list.Take(limit))
            WriteObject(request);
        if (list.Count > limit)
            WriteWarning($"By default only the first {limit} items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\".");
    }
}
