using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PacingPerCallKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PausedUntil",
                table: "provider_pacing");

            migrationBuilder.DropColumn(
                name: "RefilledAt",
                table: "provider_pacing");

            migrationBuilder.RenameColumn(
                name: "Tokens",
                table: "provider_pacing",
                newName: "NextDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "NextDueAt",
                table: "provider_pacing",
                newName: "Tokens");

            migrationBuilder.AddColumn<double>(
                name: "PausedUntil",
                table: "provider_pacing",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "RefilledAt",
                table: "provider_pacing",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
