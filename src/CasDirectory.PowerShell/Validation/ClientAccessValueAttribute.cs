using System.Collections;
using System.Management.Automation;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Validation;

/// <summary>
/// Binds the value types of the virtual directory cmdlets as EMS does: a MultiValuedProperty&lt;T&gt; from one value or
/// an array (<c>-BlockedFileTypes .exe,.vbs</c>, <c>-ExternalAuthenticationMethods Basic,Fba</c>; each value converted
/// to T, an unknown name refused with the names to use), and Unlimited&lt;Int32&gt; from a number or <c>Unlimited</c>.
/// A value it cannot read stops the command before anything is written.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ClientAccessValueAttribute(Type target) : ArgumentTransformationAttribute
{
    public Type Target { get; } = target;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null || Target.IsInstanceOfType(value))
            return value;
        if (Target == typeof(Unlimited<int>))
        {
            if (value is string s && Unlimited<int>.IsUnlimitedText(s))
                return Unlimited<int>.UnlimitedValue;
            return new Unlimited<int>(Element<int>(value, "Unlimited or a whole number"));
        }
        if (Target.IsGenericType && Target.GetGenericTypeDefinition() == typeof(MultiValuedProperty<>))
        {
            var element = Target.GetGenericArguments()[0];
            var items = value is IEnumerable many and not string ? many.Cast<object?>() : [value];
            var converted = items.Select(i => Convert(i is PSObject p ? p.BaseObject : i, element)).ToArray();
            var array = Array.CreateInstance(element, converted.Length);
            converted.CopyTo(array, 0);
            return Activator.CreateInstance(Target, array);
        }
        throw new InvalidOperationException($"[ClientAccessValue] does not convert to {Target.Name}.");
    }

    private static object Convert(object? value, Type element)
    {
        if (value is null)
            throw new ArgumentTransformationMetadataException("A list value cannot be $null; give the values, or $null alone to clear the list.");
        try
        {
            return LanguagePrimitives.ConvertTo(value, element, System.Globalization.CultureInfo.InvariantCulture);
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

/// <summary>
/// A Uri parameter of the virtual directory cmdlets (-InternalUrl, -ExternalUrl, -XropUrl, …): an absolute http(s) URL
/// with a host name, checked while the parameter binds; $null (which clears the setting) passes.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateUriAttribute(string parameter) : ValidateArgumentsAttribute
{
    protected override void Validate(object? arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is null)
            return;
        var text = value is Uri uri ? uri.OriginalString : value.ToString() ?? "";
        if (!(Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && Core.Naming.Fqdn.IsValid(parsed.Host)))
            throw new ValidationMetadataException($"-{parameter} '{text}' is not an absolute http(s) URL with a host name, such as https://mail.lab.local/owa.");
    }
}
