using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OperationPacingTurn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PacingKind",
                table: "operations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PacingTurn",
                table: "operations",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PacingKind",
                table: "operations");

            migrationBuilder.DropColumn(
                name: "PacingTurn",
                table: "operations");
        }
    }
}
