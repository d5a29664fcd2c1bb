using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.SiteTopology;

/// <summary>Checks the options' attributes and rules at start, so a bad setting stops the service with its message.</summary>
public sealed class SiteTopologyOptionsValidator : IValidateOptions<SiteTopologyOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteTopologyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{SiteTopologyOptions.Section}: {r.ErrorMessage}"));
    }
}
