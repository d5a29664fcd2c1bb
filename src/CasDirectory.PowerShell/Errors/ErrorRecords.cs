using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Errors;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;

namespace CasDirectory.PowerShell.Errors;

/// <summary>
/// The one place where a failure becomes an ErrorRecord, in the Exchange Management Shell's style: a category,
/// the target object and an error id naming the kind of failure (ManagementObjectNotFoundException, …).
/// </summary>
public static class ErrorRecords
{
    public static ErrorRecord From(Exception e, object? target) => e switch
    {
        ObjectNotFoundException notFound => WithAdvice(new(e, "ManagementObjectNotFoundException", ErrorCategory.ObjectNotFound, target), ListCommands.Advice(notFound.Kind)),
        DomainRuleException { IsMalformedInput: true } => new(e, "ArgumentException", ErrorCategory.InvalidArgument, target),
        DomainRuleException => new(e, "DataValidationException", ErrorCategory.InvalidOperation, target),
        DirectoryTargetException { IsUsage: true } => new(e, "DirectoryTargetException", ErrorCategory.InvalidArgument, target),
        DirectoryTargetException or LocalDirectoryException => new(e, "DirectoryTargetException", ErrorCategory.ObjectNotFound, target),
        DirectoryAccessException => new(e, "ADOperationException", ErrorCategory.ReadError, target),
        DirectoryUnavailableException => new(new ADTransientException(e.Message, e), "ADTransientException", ErrorCategory.ConnectionError, target),
        DirectoryEntryDiffersException => new(new ADOperationException(e.Message, e), "ADObjectAlreadyExistsException", ErrorCategory.ResourceExists, target),
        DirectoryRefusedException { Result: DirectoryResult.EntryAlreadyExists } => new(
            new ADOperationException("The object already exists: another writer created it first.", e), "ADObjectAlreadyExistsException", ErrorCategory.ResourceExists, target),
        DirectoryRefusedException { Result: DirectoryResult.InsufficientAccessRights or DirectoryResult.InvalidCredentials } => new(
            new ADOperationException(e.Message, e), "ADOperationException", ErrorCategory.PermissionDenied, target),
        DirectoryRefusedException => new(new ADOperationException(e.Message, e), "ADOperationException", ErrorCategory.WriteError, target),
        _ => new(e, e.GetType().Name, ErrorCategory.NotSpecified, target),
    };

    /// <summary>The exception's message with the shell's advice after it (ErrorDetails is what PowerShell and casdir show).</summary>
    private static ErrorRecord WithAdvice(ErrorRecord record, string? advice)
    {
        if (advice is not null && record.Exception is { } e && !e.Message.Contains(advice, StringComparison.Ordinal))
            record.ErrorDetails = new ErrorDetails($"{e.Message} {advice}");
        return record;
    }
}
