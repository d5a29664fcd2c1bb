namespace CasDirectory.Core.Values;

/// <summary>
/// A limit that may be <c>Unlimited</c>, as Exchange's quotas and retention periods are: <c>-ProhibitSendQuota
/// Unlimited</c> or <c>-ProhibitSendQuota 2GB</c>. Unlimited sorts after every value and prints as "Unlimited".
/// In AD an unlimited quota is the attribute left unset.
/// </summary>
public readonly record struct Unlimited<T> : IComparable<Unlimited<T>>, IComparable where T : struct, IComparable<T>
{
    private readonly T _value;

    public Unlimited(T value)
    {
        _value = value;
        IsUnlimited = false;
    }

    private Unlimited(bool unlimited)
    {
        _value = default;
        IsUnlimited = unlimited;
    }

    public static Unlimited<T> UnlimitedValue { get; } = new(unlimited: true);

    public bool IsUnlimited { get; }

    public T Value => IsUnlimited ? throw new InvalidOperationException("An unlimited value has no Value; test IsUnlimited first.") : _value;

    public static implicit operator Unlimited<T>(T value) => new(value);

    public static bool IsUnlimitedText(string? text) => string.Equals(text?.Trim(), "Unlimited", StringComparison.OrdinalIgnoreCase);

    public int CompareTo(Unlimited<T> other) =>
        (IsUnlimited, other.IsUnlimited) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => -1,
            _ => _value.CompareTo(other._value),
        };

    public int CompareTo(object? other) => other switch
    {
        null => 1,
        Unlimited<T> unlimited => CompareTo(unlimited),
        T value => CompareTo(new Unlimited<T>(value)),
        _ => throw new ArgumentException($"An Unlimited<{typeof(T).Name}> compares only with another or with a {typeof(T).Name}."),
    };

    public static bool operator <(Unlimited<T> left, Unlimited<T> right) => left.CompareTo(right) < 0;
    public static bool operator >(Unlimited<T> left, Unlimited<T> right) => left.CompareTo(right) > 0;
    public static bool operator <=(Unlimited<T> left, Unlimited<T> right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Unlimited<T> left, Unlimited<T> right) => left.CompareTo(right) >= 0;

    public override string ToString() => IsUnlimited ? "Unlimited" : _value.ToString() ?? "";
}
