using System.Collections;

namespace CasDirectory.Core.Values;

/// <summary>
/// Exchange's MultiValuedProperty&lt;T&gt;: several values of one property (-BlockedFileTypes .exe,.vbs;
/// -ExternalAuthenticationMethods Basic,Fba), an immutable list. The shell binds it from a value or an array.
/// </summary>
public sealed class MultiValuedProperty<T> : IReadOnlyList<T>
{
    private readonly IReadOnlyList<T> _values;

    public MultiValuedProperty(IEnumerable<T> values) => _values = values.ToArray();

    public static MultiValuedProperty<T> Empty { get; } = new([]);

    public T this[int index] => _values[index];

    public int Count => _values.Count;

    public IEnumerator<T> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join(", ", _values) + "}";
}
