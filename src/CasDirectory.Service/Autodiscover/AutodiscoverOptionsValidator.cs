using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Autodiscover;

/// <summary>Checks the Autodiscover settings at start, so a bad one stops the service with its message.</summary>
public sealed class AutodiscoverOptionsValidator : IValidateOptions<AutodiscoverOptions>
{
    public ValidateOptionsResult Validate(string? name, AutodiscoverOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{AutodiscoverOptions.Section}: {r.ErrorMessage}"));
    }
}
