namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// EMS's ProductKey: 25 letters and digits in five groups of five (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX), checked as it binds.
/// The key is a secret: it is not even kept in this object; ToString never shows it, and no message, log or directory entry carries it.
/// </summary>
public sealed class ProductKey
{
    public ProductKey(string key)
    {
        if (!Core.Servers.ProductKeys.IsValid(key))
            throw new ArgumentException("The product key is not valid: use 25 letters and digits in five groups of five, XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.");
    }

    /// <summary>Masked: a product key is never printed.</summary>
    public override string ToString() => "*****-*****-*****-*****-*****";
}
