using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Pipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProposalProgress",
                columns: table => new
                {
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: false),
                    ViewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RepliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InterviewAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalProgress", x => x.ProposalId);
                    table.ForeignKey(
                        name: "FK_ProposalProgress_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalStageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ById = table.Column<string>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalStageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalStageChanges_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ProposalStageChanges_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Analytics",
                table: "Proposals",
                columns: new[] { "SentAt", "FreelancerId", "LaneId", "TemplateId", "PostingPublishedAt", "ApplicantsAtSend", "BudgetAtSend", "ContractType", "ConnectsSpent", "EditDistance", "RevenueEarned" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_TemplateId",
                table: "Proposals",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_UpdatedAt",
                table: "Proposals",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalStageChanges_ById",
                table: "ProposalStageChanges",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalStageChanges_ProposalId_At",
                table: "ProposalStageChanges",
                columns: new[] { "ProposalId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProposalProgress");

            migrationBuilder.DropTable(
                name: "ProposalStageChanges");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_Analytics",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_TemplateId",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_UpdatedAt",
                table: "Proposals");
        }
    }
}
