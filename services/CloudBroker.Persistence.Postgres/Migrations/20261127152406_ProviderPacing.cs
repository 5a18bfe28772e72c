using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProviderPacing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "provider_pacing",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Tokens = table.Column<double>(type: "double precision", nullable: false),
                    RefilledAt = table.Column<double>(type: "double precision", nullable: false),
                    PausedUntil = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provider_pacing", x => x.ProviderId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provider_pacing");
        }
    }
}
