# The CasDirectory module: the Exchange 2010 configuration partition in OpenLDAP, with the Exchange Management
# Shell's cmdlets. casdir imports it into its own engine; in a stock pwsh: Import-Module (casdir module-path).
@{
    RootModule           = 'CasDirectory.dll'
    ModuleVersion        = '0.8.0'
    GUID                 = '6f1d2f5e-8a51-4c1e-9d0a-3b7c2e4f9a10'
    Author               = 'CasDirectory'
    CompanyName          = 'CasDirectory'
    Copyright            = '(c) CasDirectory contributors'
    Description          = 'Exchange 2010 Client Access arrays, servers, databases, sites and Autodiscover in a real OpenLDAP directory, driven with the Exchange Management Shell cmdlets.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('CasDirectory.Format.ps1xml')
    CmdletsToExport      = @(
        'Add-DatabaseAvailabilityGroupServer',
        'Disable-Mailbox',
        'Disable-OutlookAnywhere',
        'Enable-Mailbox',
        'Enable-OutlookAnywhere',
        'Get-ADReplicationSite',
        'Get-ADReplicationSubnet',
        'Get-ADSite',
        'Get-AdSiteLink',
        'Get-AutodiscoverVirtualDirectory',
        'Get-CasTopology',
        'Get-ClientAccessArray',
        'Get-ClientAccessServer',
        'Get-DatabaseAvailabilityGroup',
        'Get-EcpVirtualDirectory',
        'Get-ExchangeServer',
        'Get-Mailbox',
        'Get-MailboxDatabase',
        'Get-MoveRequest',
        'Get-OabVirtualDirectory',
        'Get-OutlookAnywhere',
        'Get-OwaVirtualDirectory',
        'Get-PublicFolderDatabase',
        'Get-WebServicesVirtualDirectory',
        'New-ADReplicationSite',
        'New-ADReplicationSubnet',
        'New-ClientAccessArray',
        'New-DatabaseAvailabilityGroup',
        'New-ExchangeServer',
        'New-Mailbox',
        'New-MailboxDatabase',
        'New-MoveRequest',
        'New-PublicFolderDatabase',
        'Remove-ADReplicationSite',
        'Remove-ADReplicationSubnet',
        'Remove-ClientAccessArray',
        'Remove-DatabaseAvailabilityGroup',
        'Remove-DatabaseAvailabilityGroupServer',
        'Remove-ExchangeServer',
        'Remove-Mailbox',
        'Remove-MailboxDatabase',
        'Remove-MoveRequest',
        'Remove-PublicFolderDatabase',
        'Reset-OutlookProfile',
        'Set-ADReplicationSite',
        'Set-ADReplicationSubnet',
        'Set-ADSite',
        'Set-AdSiteLink',
        'Set-AutodiscoverVirtualDirectory',
        'Set-ClientAccessArray',
        'Set-ClientAccessServer',
        'Set-DatabaseAvailabilityGroup',
        'Set-EcpVirtualDirectory',
        'Set-ExchangeServer',
        'Set-Mailbox',
        'Set-MailboxDatabase',
        'Set-OabVirtualDirectory',
        'Set-OutlookAnywhere',
        'Set-OwaVirtualDirectory',
        'Set-PublicFolderDatabase',
        'Set-WebServicesVirtualDirectory',
        'Test-CasTopology',
        'Test-OutlookWebServices'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{ PSData = @{ Tags = @('Exchange', 'LDAP', 'OpenLDAP', 'ActiveDirectory', 'CASArray'); ProjectUri = '' } }
}
