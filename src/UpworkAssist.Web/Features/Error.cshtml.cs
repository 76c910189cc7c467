using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace UpworkAssist.Web.Features;

/// <summary>Friendly pages for errors and status codes (403, 404, 500) without revealing internals.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string? RequestId { get; private set; }

    // The code comes from the route only: a POST re-executed here after a refused form must not
    // read that form again (binding from it would throw the same error once more).
    public void OnGet([FromRoute] int? code) => Describe(code);

    public void OnPost([FromRoute] int? code) => Describe(code);

    /// <summary>Why a request was refused as bad input, when it was (InputGuard, BindingGuard).</summary>
    public string? InputProblem => HttpContext.Items[Security.InputGuard.ProblemItem] as string;

    private void Describe(int? code)
    {
        Status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }

    public string Message =>
        Status switch
        {
            400 => InputProblem ?? "The request was not one this server accepts.",
            403 => "Your role does not give you access to this page. Ask an Admin if you need it.",
            405 => "This address does not take that kind of request.",
            404 => "There is nothing here.",
            _ => "Something went wrong on our side. It has been logged.",
        };
}
