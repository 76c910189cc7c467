using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Setup;

/// <summary>
/// Knows whether the install has its first user yet, and creates that first Admin exactly once,
/// from the /Setup page or from the Bootstrap:* keys.
/// </summary>
public sealed class FirstRun(IServiceScopeFactory scopes, ILogger<FirstRun> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _hasUsers;

    public void Dispose() => _gate.Dispose();

    public async Task<bool> HasUsersAsync(CancellationToken ct = default)
    {
        // Once true it stays true: users are disabled, never all deleted, so no query per request after setup.
        if (_hasUsers)
        {
            return true;
        }
        using var scope = scopes.CreateScope();
        _hasUsers = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(ct);
        return _hasUsers;
    }

    public sealed record Outcome(bool Created, IReadOnlyList<string> Errors);

    /// <summary>
    /// Creates the first Admin unless a user already exists; serialized so two requests cannot both win.
    /// </summary>
    public async Task<Outcome> CreateFirstAdminAsync(
        string email,
        string displayName,
        string password,
        string auditAction,
        CancellationToken ct = default
    )
    {
        await _gate.WaitAsync(ct);
        try
        {
            _hasUsers = false;
            if (await HasUsersAsync(ct))
            {
                return new Outcome(false, ["Setup is already complete."]);
            }
            using var scope = scopes.CreateScope();
            var services = scope.ServiceProvider;
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return new Outcome(false, result.Errors.Select(e => e.Description).ToList());
            }
            await users.AddToRoleAsync(user, Roles.Admin);
            await services
                .GetRequiredService<AuditLog>()
                .RecordAsync(auditAction, "user", user.Id, $"First Admin {email}", ct: ct);
            _hasUsers = true;
            logger.LogInformation("Created the first Admin {Email}", email);
            return new Outcome(true, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Start-up work: the four roles exist, and the Bootstrap:* Admin is created on an empty store.</summary>
    public async Task InitializeAsync(BootstrapOptions bootstrap, CancellationToken ct = default)
    {
        using (var scope = scopes.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }
        }

        var (email, password) = (bootstrap.AdminEmail, bootstrap.AdminPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || await HasUsersAsync(ct))
        {
            return;
        }
        var outcome = await CreateFirstAdminAsync(
            email!.Trim(),
            "Administrator",
            password,
            AuditActions.BootstrapAdminCreated,
            ct
        );
        if (!outcome.Created)
        {
            // Never echo the password; say what rule it broke.
            throw new InvalidOperationException(
                "Bootstrap:AdminEmail/AdminPassword could not create the first Admin: "
                    + string.Join(" ", outcome.Errors)
            );
        }
    }
}

/// <summary>Until the first user exists, every request but setup, health and static files goes to /Setup.</summary>
public sealed class SetupGate(RequestDelegate next, FirstRun firstRun)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (
            path.StartsWithSegments("/Setup")
            || path.StartsWithSegments("/healthz")
            || await firstRun.HasUsersAsync(context.RequestAborted)
        )
        {
            await next(context);
            return;
        }
        context.Response.Redirect("/Setup");
    }
}
