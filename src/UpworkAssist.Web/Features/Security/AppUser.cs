using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Security;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled account cannot sign in, and its access tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The IANA zone pages show times in; null follows the browser's own.</summary>
    public string? TimeZone { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        b.Property(u => u.TimeZone).HasMaxLength(64);
    }
}
