using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FetchedAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "IsDigest",
                table: "Alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MatchedAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RouteId",
                table: "Alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertRoutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LaneId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SecretProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SecretHint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SlackChannel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EmailTo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SlackTarget = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DigestAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietTo = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PausedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PausedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertRoutes_Lanes_LaneId",
                        column: x => x.LaneId,
                        principalTable: "Lanes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChannelThrottles",
                columns: table => new
                {
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NextAllowedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelThrottles", x => x.Target);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RouteId",
                table: "Alerts",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Target_Status",
                table: "Alerts",
                columns: new[] { "Target", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertRoutes_LaneId",
                table: "AlertRoutes",
                column: "LaneId");

            migrationBuilder.AddForeignKey(
                name: "FK_Alerts_AlertRoutes_RouteId",
                table: "Alerts",
                column: "RouteId",
                principalTable: "AlertRoutes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Alerts_AlertRoutes_RouteId",
                table: "Alerts");

            migrationBuilder.DropTable(
                name: "AlertRoutes");

            migrationBuilder.DropTable(
                name: "ChannelThrottles");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_RouteId",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_Target_Status",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "FetchedAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "IsDigest",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "MatchedAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "RouteId",
                table: "Alerts");
        }
    }
}
