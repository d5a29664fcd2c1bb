using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Hosting;

/// <summary>
/// Checks a settings section's attributes and rules (IValidatableObject) at start, so a bad setting stops the service with
/// its message, prefixed with the section's name.
/// </summary>
public sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{section}: {r.ErrorMessage}"));
    }
}
