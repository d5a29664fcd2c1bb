using System.DirectoryServices.Protocols;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;

namespace CasDirectory.PowerShell.Hosting;

/// <summary>
/// The one place where a failure becomes an ErrorRecord, in the Exchange Management Shell's style: a category,
/// the target object and an error id naming the kind of failure (ManagementObjectNotFoundException, …).
/// </summary>
public static class ErrorRecords
{
    public static ErrorRecord From(Exception e, object? target) => e switch
    {
        ObjectNotFoundException => new(e, "ManagementObjectNotFoundException", ErrorCategory.ObjectNotFound, target),
        DomainRuleException { IsMalformedInput: true } => new(e, "ArgumentException", ErrorCategory.InvalidArgument, target),
        DomainRuleException => new(e, "DataValidationException", ErrorCategory.InvalidOperation, target),
        DirectoryTargetException { IsUsage: true } => new(e, "DirectoryTargetException", ErrorCategory.InvalidArgument, target),
        DirectoryTargetException or LocalDirectoryException => new(e, "DirectoryTargetException", ErrorCategory.ObjectNotFound, target),
        DirectoryAccessException => new(e, "ADOperationException", ErrorCategory.ReadError, target),
        LdapException ldap => new(new ADTransientException(
            $"The directory could not be reached ({ldap.Message}). Is it running? casdir status shows it.", e),
            "ADTransientException", ErrorCategory.ConnectionError, target),
        DirectoryOperationException { Response.ResultCode: ResultCode.EntryAlreadyExists } => new(
            new ADOperationException("The object already exists: another writer created it first.", e), "ADObjectAlreadyExistsException", ErrorCategory.ResourceExists, target),
        DirectoryOperationException { Response.ResultCode: ResultCode.InsufficientAccessRights } op => new(
            new ADOperationException($"The directory refused the operation: insufficient access rights for this account. {op.Response.ErrorMessage}".TrimEnd(), e),
            "ADOperationException", ErrorCategory.PermissionDenied, target),
        DirectoryOperationException op => new(
            new ADOperationException($"The directory refused the operation: {op.Response?.ResultCode} {op.Response?.ErrorMessage}".TrimEnd(), e),
            "ADOperationException", ErrorCategory.WriteError, target),
        _ => new(e, e.GetType().Name, ErrorCategory.NotSpecified, target),
    };
}
