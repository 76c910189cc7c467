using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Applied",
                table: "Postings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ClientHasFinancialPrivacy",
                table: "Postings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClientMemberSince",
                table: "Postings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Enterprise",
                table: "Postings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FreelancersToHire",
                table: "Postings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RenewedAt",
                table: "Postings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Repaired",
                table: "PollRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "MarketplaceConnections",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TokenAgeAlertedAt",
                table: "MarketplaceConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HighWater",
                table: "FeedCursors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PendingNewest",
                table: "FeedCursors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PendingStopBelow",
                table: "FeedCursors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FeedGaps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SearchKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AdminsAlertedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedGaps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedGaps_RecordedAt",
                table: "FeedGaps",
                column: "RecordedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedGaps");

            migrationBuilder.DropColumn(
                name: "Applied",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "ClientHasFinancialPrivacy",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "ClientMemberSince",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "Enterprise",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "FreelancersToHire",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "RenewedAt",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "Repaired",
                table: "PollRuns");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "MarketplaceConnections");

            migrationBuilder.DropColumn(
                name: "TokenAgeAlertedAt",
                table: "MarketplaceConnections");

            migrationBuilder.DropColumn(
                name: "HighWater",
                table: "FeedCursors");

            migrationBuilder.DropColumn(
                name: "PendingNewest",
                table: "FeedCursors");

            migrationBuilder.DropColumn(
                name: "PendingStopBelow",
                table: "FeedCursors");
        }
    }
}
