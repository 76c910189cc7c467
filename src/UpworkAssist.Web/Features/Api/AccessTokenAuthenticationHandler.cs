using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Api;

public sealed class AccessTokenAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>Authenticates `Authorization: Bearer uat_…` as the token's owner, with the owner's current roles.</summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AccessTokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    IUserClaimsPrincipalFactory<AppUser> principals
) : AuthenticationHandler<AccessTokenAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.FindLiveAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token?.User is null)
        {
            return AuthenticateResult.Fail("The access token is unknown, revoked or expired.");
        }
        var principal = await principals.CreateAsync(token.User);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
