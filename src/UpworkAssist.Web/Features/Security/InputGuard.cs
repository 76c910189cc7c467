using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace UpworkAssist.Web.Features.Security;

/// <summary>
/// Refuses, with a 400 that says why, any request whose query or form cannot be text a person
/// typed: a form over the server's limits (more than 1,024 values, a key over 2 KB, a value over
/// 4 MB), a value over <see cref="MaxValueLength"/> characters, control characters other than tab
/// and line breaks, or broken Unicode (invalid UTF-8 decodes to U+FFFD; lone surrogates). It runs
/// before any page or endpoint, so such input never reaches a handler and is never stored.
/// </summary>
public sealed class InputGuard(RequestDelegate next)
{
    /// <summary>Longer than any field the application has (a knowledge page is at most 100,000 characters).</summary>
    public const int MaxValueLength = 200_000;

    /// <summary>Where the refusal's reason waits for the error page that says it.</summary>
    public const string ProblemItem = "ua:input-problem";

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executes this request to describe the refusal: let it through.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            var problem = Check(context.Request.Query.SelectMany(q => q.Value.Select(v => (q.Key, v))));
            if (problem is null && context.Request.HasFormContentType)
            {
                problem = await CheckFormAsync(context);
            }
            if (problem is not null)
            {
                await RefuseAsync(context, problem);
                return;
            }
        }
        await next(context);
    }

    private static async Task<string?> CheckFormAsync(HttpContext context)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return "The form is larger than this server accepts: at most 1,024 fields, names of 2 KB and values of "
                + "4 MB.";
        }
        return Check(form.SelectMany(f => f.Value.Select(v => (f.Key, v))))
            ?? Check(form.Files.Select(f => (f.Name, (string?)f.FileName)));
    }

    private static string? Check(IEnumerable<(string Key, string? Value)> values)
    {
        foreach (var (key, value) in values)
        {
            var problem = Problem(key) ?? Problem(value);
            if (problem is not null)
            {
                return problem;
            }
            if (value?.Length > MaxValueLength)
            {
                return $"A value is longer than the {MaxValueLength:N0} characters any field here takes.";
            }
        }
        return null;
    }

    /// <summary>Why this text is not text a person could have typed, or null.</summary>
    public static string? Problem(string? text)
    {
        if (text is null)
            return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\uFFFD' or '\uFFFE' or '\uFFFF')
            {
                return "The request is not valid UTF-8 text.";
            }
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return "The request contains control characters (such as NUL) that no field takes.";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "The request contains broken Unicode (a lone surrogate).";
            }
        }
        return null;
    }

    private static async Task RefuseAsync(HttpContext context, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (Policies.IsApiRequest(context.Request))
        {
            await Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }
        // Pages: the status-code page says it, in the layout, with this reason. It re-executes this
        // request, so the refused form is replaced by an empty one that nothing will read again.
        context.Items[ProblemItem] = problem;
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
    }
}

/// <summary>
/// A value that model binding could not convert (a number out of range, a date that is none) is
/// refused with a 400 instead of reaching the handler as a default: an expiry of 10^20 days must
/// not quietly become "never expires".
/// </summary>
public sealed class BindingGuard : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(
        PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next
    )
    {
        // Before the handler runs, ModelState holds only binding's own errors.
        var failed = context.ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).FirstOrDefault();
        if (failed is not null)
        {
            context.HttpContext.Items[InputGuard.ProblemItem] =
                $"\"{(failed.Length > 60 ? failed[..60] : failed)}\" is not a value this form takes (a number out "
                + $"of range, or not a number or date).";
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }
        await next();
    }
}
