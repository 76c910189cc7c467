using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProposalFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApplicantsAtSend",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "BudgetAtSend",
                table: "Proposals",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContractType",
                table: "Proposals",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PostingPublishedAt",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostingTitle",
                table: "Proposals",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "RevenueEarned",
                table: "Proposals",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TemplateId",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_LaneId_SentAt",
                table: "Proposals",
                columns: new[] { "LaneId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_LaneId_SentAt",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "ApplicantsAtSend",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "BudgetAtSend",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "ContractType",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "PostingPublishedAt",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "PostingTitle",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "RevenueEarned",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "Proposals");
        }
    }
}
