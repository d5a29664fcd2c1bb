using System.Collections;
using System.Globalization;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Validation;

/// <summary>
/// Binds what an EMS user types to Exchange's value types, as EMS does: <c>2GB</c> (PowerShell's number), <c>"2 GB"</c>,
/// <c>"1.9 GB (2,040,109,056 bytes)"</c> or <c>Unlimited</c> to a size; <c>14.00:00:00</c> or a TimeSpan to an
/// EnhancedTimeSpan; interval strings to a Schedule; one value or an array to a MultiValuedProperty&lt;T&gt;
/// (<c>-ExternalAuthenticationMethods Basic,Fba</c>; each value converted to T, an unknown name refused with the names
/// to use); a number or <c>Unlimited</c> to an Unlimited&lt;Int32&gt;. A value it cannot read stops the command before
/// anything is written, with the form to use.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExchangeValueAttribute(Type target) : ArgumentTransformationAttribute
{
    public Type Target { get; } = target;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null || Target.IsInstanceOfType(value))
            return value;
        try
        {
            return Convert(value);
        }
        catch (Exception e) when (e is DomainRuleException or ArgumentException)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }

    private object Convert(object value)
    {
        if (Target == typeof(Unlimited<int>))
            return value is string u && Unlimited<int>.IsUnlimitedText(u) ? Unlimited<int>.UnlimitedValue : new Unlimited<int>(Element<int>(value, "Unlimited or a whole number"));
        if (Target == typeof(Objects.ProxyAddressCollection))
            return value switch
            {
                Hashtable edits => new Objects.ProxyAddressCollection(edits),
                IEnumerable many and not string => new Objects.ProxyAddressCollection(many.Cast<object>().ToArray()),
                _ => new Objects.ProxyAddressCollection(value.ToString() ?? ""),
            };
        if (Target == typeof(Unlimited<uint>))
            return value is string r && Unlimited<uint>.IsUnlimitedText(r) ? Unlimited<uint>.UnlimitedValue : new Unlimited<uint>(Element<uint>(value, "Unlimited or a whole number"));
        if (Target.IsGenericType && Target.GetGenericTypeDefinition() == typeof(MultiValuedProperty<>))
        {
            var element = Target.GetGenericArguments()[0];
            var items = value is IEnumerable many and not string ? many.Cast<object?>() : [value];
            var converted = items.Select(i => ListElement(i is PSObject p ? p.BaseObject : i, element)).ToArray();
            var array = Array.CreateInstance(element, converted.Length);
            converted.CopyTo(array, 0);
            return Activator.CreateInstance(Target, array)!;
        }
        if (Target == typeof(Unlimited<ByteQuantifiedSize>))
            return value is string s && Unlimited<ByteQuantifiedSize>.IsUnlimitedText(s) ? Unlimited<ByteQuantifiedSize>.UnlimitedValue : new Unlimited<ByteQuantifiedSize>(Size(value));
        if (Target == typeof(ByteQuantifiedSize))
            return Size(value);
        if (Target == typeof(Unlimited<EnhancedTimeSpan>))
            return value is string s && Unlimited<EnhancedTimeSpan>.IsUnlimitedText(s) ? Unlimited<EnhancedTimeSpan>.UnlimitedValue : new Unlimited<EnhancedTimeSpan>(Span(value));
        if (Target == typeof(EnhancedTimeSpan))
            return Span(value);
        if (Target == typeof(Schedule))
            return value switch
            {
                string one => Schedule.Parse([one]),
                IEnumerable many => Schedule.Parse(many.Cast<object?>().Select(v => (v is PSObject p ? p.BaseObject : v)?.ToString() ?? "")),
                _ => throw new DomainRuleException($"'{value}' is not a schedule: use intervals such as \"Sun.1:00 AM-Sun.5:00 AM\".", isMalformedInput: true),
            };
        throw new InvalidOperationException($"[ExchangeValue] does not convert to {Target.Name}.");
    }

    private static ByteQuantifiedSize Size(object value) => value switch
    {
        ByteQuantifiedSize size => size,
        Unlimited<ByteQuantifiedSize> { IsUnlimited: false } limited => limited.Value,
        string text => ByteQuantifiedSize.Parse(text),
        int or long or uint or ulong or short or ushort or byte when System.Convert.ToDecimal(value, CultureInfo.InvariantCulture) is var n && n >= 0 => new ByteQuantifiedSize((ulong)n),
        // 1.9GB is a double in PowerShell; EMS takes it, in whole bytes.
        double or decimal or float when System.Convert.ToDecimal(value, CultureInfo.InvariantCulture) is var d && d >= 0 => new ByteQuantifiedSize((ulong)decimal.Truncate(d)),
        _ => throw new DomainRuleException($"'{value}' is not a size: use a number with B, KB, MB, GB or TB, such as 2GB or 500MB, or Unlimited.", isMalformedInput: true),
    };

    private static EnhancedTimeSpan Span(object value) => value switch
    {
        EnhancedTimeSpan span => span,
        TimeSpan span when span >= TimeSpan.Zero => new EnhancedTimeSpan(span),
        string text => EnhancedTimeSpan.Parse(text),
        int or long when System.Convert.ToInt64(value, CultureInfo.InvariantCulture) is var days and >= 0 and <= 24855 => new EnhancedTimeSpan(TimeSpan.FromDays(days)),
        _ => throw new DomainRuleException($"'{value}' is not a time span: use dd.hh:mm:ss, such as 14.00:00:00.", isMalformedInput: true),
    };

    private static object ListElement(object? value, Type element)
    {
        if (value is null)
            throw new ArgumentTransformationMetadataException("A list value cannot be $null; give the values, or $null alone to clear the list.");
        try
        {
            return LanguagePrimitives.ConvertTo(value, element, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is PSInvalidCastException or InvalidCastException or ArgumentException)
        {
            var expected = element.IsEnum ? "use " + string.Join(", ", Enum.GetNames(element)) : $"use a {element.Name}";
            throw new ArgumentTransformationMetadataException($"'{value}' is not valid: {expected}.", e);
        }
    }

    private static T Element<T>(object value, string expected)
    {
        try
        {
            return LanguagePrimitives.ConvertTo<T>(value);
        }
        catch (Exception e) when (e is PSInvalidCastException or InvalidCastException or ArgumentException)
        {
            throw new ArgumentTransformationMetadataException($"'{value}' is not valid: use {expected}.", e);
        }
    }
}
