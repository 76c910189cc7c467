using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComplianceCentre : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditPlanSteps",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedById = table.Column<string>(type: "TEXT", nullable: true),
                    CompletedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditPlanSteps", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "AutomationTools",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AutoSubmits = table.Column<bool>(type: "INTEGER", nullable: false),
                    Scrapes = table.Column<bool>(type: "INTEGER", nullable: false),
                    LogsInAsYou = table.Column<bool>(type: "INTEGER", nullable: false),
                    MessagesClients = table.Column<bool>(type: "INTEGER", nullable: false),
                    BypassesLimits = table.Column<bool>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AutomationTools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ComplianceReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LastRemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastReminder = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedById = table.Column<string>(type: "TEXT", nullable: true),
                    CompletedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KnowledgePages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgePages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MarketplaceRequestDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    RateLimited = table.Column<int>(type: "INTEGER", nullable: false),
                    Errors = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketplaceRequestDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "MarketplaceRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketplaceRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewReminderSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailAdmins = table.Column<bool>(type: "INTEGER", nullable: false),
                    SlackSecretProtected = table.Column<string>(type: "TEXT", nullable: true),
                    SlackSecretHint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SlackChannel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewReminderSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AutomationTools_Name",
                table: "AutomationTools",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceReviews_Quarter",
                table: "ComplianceReviews",
                column: "Quarter",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgePages_Slug",
                table: "KnowledgePages",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MarketplaceRequests_At",
                table: "MarketplaceRequests",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditPlanSteps");

            migrationBuilder.DropTable(
                name: "AutomationTools");

            migrationBuilder.DropTable(
                name: "ComplianceReviews");

            migrationBuilder.DropTable(
                name: "KnowledgePages");

            migrationBuilder.DropTable(
                name: "MarketplaceRequestDays");

            migrationBuilder.DropTable(
                name: "MarketplaceRequests");

            migrationBuilder.DropTable(
                name: "ReviewReminderSettings");
        }
    }
}
