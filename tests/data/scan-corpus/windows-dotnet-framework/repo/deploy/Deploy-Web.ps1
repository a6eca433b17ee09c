param([string]$Server)
Import-Module WebAdministration
Stop-WebAppPool -Name Contoso
