using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpworkAssist.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Matches_AssigneeId",
                table: "Matches");

            migrationBuilder.AddColumn<string>(
                name: "DismissReason",
                table: "Matches",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StatusChangedAt",
                table: "Matches",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusChangedBy",
                table: "Matches",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FilterPresets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FilterPresets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FilterPresets_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Matches_AssigneeId_MatchedAt",
                table: "Matches",
                columns: new[] { "AssigneeId", "MatchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Matches_LaneId_Status_MatchedAt",
                table: "Matches",
                columns: new[] { "LaneId", "Status", "MatchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Matches_Status_MatchedAt",
                table: "Matches",
                columns: new[] { "Status", "MatchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectType_SubjectId",
                table: "AuditEvents",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_FilterPresets_UserId_Name",
                table: "FilterPresets",
                columns: new[] { "UserId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FilterPresets");

            migrationBuilder.DropIndex(
                name: "IX_Matches_AssigneeId_MatchedAt",
                table: "Matches");

            migrationBuilder.DropIndex(
                name: "IX_Matches_LaneId_Status_MatchedAt",
                table: "Matches");

            migrationBuilder.DropIndex(
                name: "IX_Matches_Status_MatchedAt",
                table: "Matches");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_SubjectType_SubjectId",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "DismissReason",
                table: "Matches");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "Matches");

            migrationBuilder.DropColumn(
                name: "StatusChangedBy",
                table: "Matches");

            migrationBuilder.CreateIndex(
                name: "IX_Matches_AssigneeId",
                table: "Matches",
                column: "AssigneeId");
        }
    }
}
