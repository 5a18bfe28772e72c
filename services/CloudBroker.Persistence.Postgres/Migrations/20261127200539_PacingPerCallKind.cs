using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Postgres.Migrations
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

            migrationBuilder.AlterColumn<string>(
                name: "ProviderId",
                table: "provider_pacing",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(63)",
                oldMaxLength: 63);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "NextDueAt",
                table: "provider_pacing",
                newName: "Tokens");

            migrationBuilder.AlterColumn<string>(
                name: "ProviderId",
                table: "provider_pacing",
                type: "character varying(63)",
                maxLength: 63,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);

            migrationBuilder.AddColumn<double>(
                name: "PausedUntil",
                table: "provider_pacing",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "RefilledAt",
                table: "provider_pacing",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
