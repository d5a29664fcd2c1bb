using System.DirectoryServices.Protocols;

namespace CasDirectory.Ldap.Errors;

/// <summary>The one place where System.DirectoryServices.Protocols' exceptions become the directory layer's own.</summary>
internal static class DirectoryErrors
{
    public static DirectoryException Translate(Exception e, string endpoint, string? dn = null) => e switch
    {
        DirectoryException own => own,
        LdapException ldap => new DirectoryUnavailableException(
            $"The directory at {endpoint} could not be reached ({Describe(ldap)}). Is it running? casdir status shows a local one.", e)
        { DistinguishedName = dn, Reason = ldap.ServerErrorMessage },
        DirectoryOperationException op => Refused(op, dn),
        _ => throw new ArgumentException("not a directory failure", nameof(e), e),
    };

    private static string Describe(LdapException e) => e.ErrorCode switch
    {
        81 => "the server is down or the connection was lost",
        85 => e.Message.Contains("did not answer", StringComparison.Ordinal) ? e.Message : "timed out",
        91 => "connection refused",
        _ => e.Message,
    };

    private static DirectoryRefusedException Refused(DirectoryOperationException e, string? dn)
    {
        var code = (int?)e.Response?.ResultCode ?? (int)DirectoryResult.Other;
        var result = Enum.IsDefined(typeof(DirectoryResult), code) ? (DirectoryResult)code : DirectoryResult.Other;
        var reason = e.Response?.ErrorMessage?.Trim();
        var message = result switch
        {
            DirectoryResult.EntryAlreadyExists => $"The object already exists{At(dn)}: another writer created it first.",
            DirectoryResult.NoSuchObject => $"The object{At(dn)} does not exist (any more).",
            DirectoryResult.InsufficientAccessRights => $"The directory refused the operation: insufficient access rights for this account. {reason}".TrimEnd(),
            DirectoryResult.Busy or DirectoryResult.Unavailable => $"The directory is busy or unavailable; try again. {reason}".TrimEnd(),
            DirectoryResult.Other when IsStorageFailure(reason) =>
                $"slapd could not store the change ({reason}): its disk is probably full or read-only. Free space or fix the data folder, then run the command again (scripts: -Resume).",
            _ => $"The directory refused the change: {reason}".TrimEnd(':', ' '),
        };
        return new DirectoryRefusedException(result, message, e) { Reason = reason, DistinguishedName = dn };
    }

    /// <summary>back-mdb's words when a write cannot be committed (MDB_MAP_FULL, ENOSPC, EROFS surface as these).</summary>
    private static bool IsStorageFailure(string? reason) =>
        reason is not null && (reason.Contains("txn_commit", StringComparison.OrdinalIgnoreCase) || reason.Contains("txn_begin", StringComparison.OrdinalIgnoreCase)
                               || reason.Contains("put failed", StringComparison.OrdinalIgnoreCase) || reason.Contains("no space", StringComparison.OrdinalIgnoreCase)
                               || reason.Contains("read-only", StringComparison.OrdinalIgnoreCase));

    private static string At(string? dn) => dn is null ? "" : $" ({dn})";
}
