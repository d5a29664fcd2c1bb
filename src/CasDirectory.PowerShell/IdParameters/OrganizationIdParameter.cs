using CasDirectory.Core.Identity;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>
/// An Exchange organization by name or DN (Exchange 2010's -Organization, for hosted multi-tenant deployments). The
/// directory holds one organization; naming another is an error, so a tenant-scoped script never acts on the wrong one.
/// </summary>
public sealed class OrganizationIdParameter : IdParameter
{
    public OrganizationIdParameter(string identity) : base(identity) { }

    /// <summary>Checks that it names this directory's organization.</summary>
    public void RequireIn(ExchangeDirectory directory)
    {
        var partition = directory.Partition;
        if (!ObjectLookup.Same(RawIdentity, partition.Organization.Value) && !Core.Naming.DistinguishedNames.AreEqual(RawIdentity, partition.OrganizationDn))
            throw new Core.DomainRuleException($"The organization '{Core.Naming.ObjectName.Shown(RawIdentity)}' was not found: this directory holds one, '{partition.Organization.Value}'.");
    }
}
