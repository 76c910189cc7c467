using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Serilog;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.BackgroundJobs;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Health;
using UpworkAssist.Web.Features.Help;
using UpworkAssist.Web.Features.Home;
using UpworkAssist.Web.Features.Knowledge;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Live;
using UpworkAssist.Web.Features.Logging;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Setup;

namespace UpworkAssist.Web;

/// <summary>The application's composition: each feature registers itself with one Add/Map call.</summary>
public static class AppSetup
{
    public static WebApplicationBuilder AddUpworkAssist(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var paths = DataPaths.From(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        services.AddAppLogging(builder.Configuration, paths);

        services.AddStorage(builder.Configuration, builder.Environment.ContentRootPath);
        // Registered before Hangfire's server so the store is migrated before any job can run.
        services.AddSingleton<FirstRun>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddHostedService<StartupTasks>();
        // Keys persist across restarts so cookies and encrypted secrets stay readable: on disk beside
        // a SQLite store, in the store itself on PostgreSQL so that every instance shares them.
        // Registered after StartupTasks: its hosted service reads the key ring at start, and on
        // PostgreSQL that is a table the migration creates.
        var keys = services.AddDataProtection().SetApplicationName("UpworkAssist");
        if (StorageOptions.From(builder.Configuration).IsPostgres)
            keys.PersistKeysToDbContext<AppDbContext>();
        else
            keys.PersistKeysToFileSystem(new DirectoryInfo(paths.Keys));
        services.AddAccounts();
        services.AddBackgroundJobs(builder.Configuration);
        services.AddFeed(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddAudit();
        services.AddScoped<Features.Shared.UserTime>();
        services.AddApi();
        services.AddLanes();
        services.AddAlertRouting();
        services.AddDrafts();
        services.AddQueue();
        services.AddPipeline();
        services.AddAnalytics();
        services.AddCompliance();
        services.AddKnowledge();
        services.AddLive();
        services.AddHome();
        services.AddHelp();
        // Validators are stateless and costly to build (each rule is an expression tree): one each.
        services.AddValidatorsFromAssemblyContaining<AuditLog>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddOpenApi();
        services.AddProblemDetails();
        services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
        );

        services
            .AddRazorPages(o =>
            {
                // Feature folders: a feature's pages sit beside its services under Features/.
                o.RootDirectory = "/Features";
                // Who may open each page and call each handler: one table (AccessPolicy), checked by the role-matrix
                // test.
                o.Conventions.Add(new AccessPageConvention());
            })
            .AddMvcOptions(o =>
            {
                // FluentValidation owns every rule and message; MVC must not add its own "required".
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add<AccessHandlerFilter>();
                o.Filters.Add<BindingGuard>();
            });
        return builder;
    }

    public static WebApplication UseUpworkAssist(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseStaticFiles();
        // The host's logger, not the static one: the static logger stays the bootstrap console
        // logger (preserveStaticLogger), which would keep request logs out of the file and take a
        // lock on every request.
        app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        // Inside the request log, so a request the client abandoned is logged as 499, not an error 500.
        app.UseMiddleware<ClientClosedRequest>();
        // Input no field takes (limits, control characters, broken Unicode) is refused before anything reads it.
        app.UseMiddleware<InputGuard>();
        app.UseMiddleware<SetupGate>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        var api = app.MapApi();
        api.MapLanesApi();
        api.MapAlertsApi();
        api.MapProposalsApi();
        api.MapPostingsApi();
        app.MapBackgroundJobs();
        app.MapLive();
        app.MapRazorPages();
        return app;
    }
}
