using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProposalSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BySync",
                table: "ProposalStageChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "MarketplaceJobId",
                table: "Proposals",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Proposals recorded before the sync existed were all recorded with "I sent it".
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Proposals",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Recorded");

            migrationBuilder.AddColumn<bool>(
                name: "StageFromSync",
                table: "Proposals",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "MarketplaceMembers",
                columns: table => new
                {
                    MarketplaceUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AppUserId = table.Column<string>(type: "TEXT", nullable: true),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketplaceMembers", x => x.MarketplaceUserId);
                    table.ForeignKey(
                        name: "FK_MarketplaceMembers_AspNetUsers_AppUserId",
                        column: x => x.AppUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MarketplaceProposals",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReasonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ViewedByClient = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChargeRate = table.Column<double>(type: "REAL", nullable: true),
                    ChargeCurrency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: true),
                    SyncedStage = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketplaceProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketplaceProposals_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ProposalSyncSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    IntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastCompleteAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastSummary = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalSyncSettings", x => x.Id);
                    table.CheckConstraint("CK_ProposalSyncSettings_Interval", "\"IntervalMinutes\" BETWEEN 5 AND 1440");
                    table.CheckConstraint("CK_ProposalSyncSettings_One", "\"Id\" = 1");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_MarketplaceJobId",
                table: "Proposals",
                column: "MarketplaceJobId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketplaceMembers_AppUserId",
                table: "MarketplaceMembers",
                column: "AppUserId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketplaceProposals_CreatedAt",
                table: "MarketplaceProposals",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MarketplaceProposals_JobId",
                table: "MarketplaceProposals",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketplaceProposals_ProposalId",
                table: "MarketplaceProposals",
                column: "ProposalId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MarketplaceMembers");

            migrationBuilder.DropTable(
                name: "MarketplaceProposals");

            migrationBuilder.DropTable(
                name: "ProposalSyncSettings");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_MarketplaceJobId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "BySync",
                table: "ProposalStageChanges");

            migrationBuilder.DropColumn(
                name: "MarketplaceJobId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "StageFromSync",
                table: "Proposals");
        }
    }
}
