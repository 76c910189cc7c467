using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace UpworkAssist.Web.Features.Shared;

public static class Validation
{
    /// <summary>
    /// Runs a FluentValidation validator explicitly and copies its errors into ModelState under the input's prefix.
    /// </summary>
    public static async Task<bool> ValidateIntoAsync<T>(
        this IValidator<T> validator,
        T input,
        ModelStateDictionary modelState,
        string prefix = "Input",
        CancellationToken ct = default
    )
    {
        var result = await validator.ValidateAsync(input, ct);
        result.CopyTo(modelState, prefix);
        return result.IsValid && modelState.IsValid;
    }

    public static void CopyTo(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }

    /// <summary>The password rules Identity enforces, stated up front so forms can say them before submit.</summary>
    public static IRuleBuilderOptions<T, string> AccountPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .WithMessage("Enter a password.")
            .MinimumLength(12)
            .WithMessage("Use at least 12 characters.")
            .MaximumLength(128)
            .WithMessage("Use at most 128 characters.");

    public static IRuleBuilderOptions<T, string> AccountEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .WithMessage("Enter an e-mail address.")
            .MaximumLength(256)
            .WithMessage("Use at most 256 characters.")
            .EmailAddress()
            .WithMessage("Enter a valid e-mail address.");

    public static IRuleBuilderOptions<T, string> DisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .WithMessage("Enter a display name.")
            .MaximumLength(100)
            .WithMessage("Use at most 100 characters.");
}
