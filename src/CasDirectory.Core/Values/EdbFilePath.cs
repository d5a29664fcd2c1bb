namespace CasDirectory.Core.Values;

/// <summary>
/// The .edb file of a database, as Exchange's EdbFilePath: a full local path (see <see cref="NonRootLocalLongFullPath"/>)
/// whose file name ends in .edb, such as <c>D:\Databases\MDB03\MDB03.edb</c>.
/// </summary>
public sealed class EdbFilePath : NonRootLocalLongFullPath
{
    public EdbFilePath(string path) : base(path)
    {
        if (!path.EndsWith(".edb", StringComparison.OrdinalIgnoreCase) || path.EndsWith("\\.edb", StringComparison.Ordinal))
            throw new DomainRuleException($"'{path}' is not a database file: the file name must end in .edb, such as D:\\Databases\\MDB03\\MDB03.edb.", isMalformedInput: true);
    }
}
