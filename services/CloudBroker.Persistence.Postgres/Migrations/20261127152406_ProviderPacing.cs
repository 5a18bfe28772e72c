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

            // Buckets are soft state: unlogged, so taking a token never waits for a WAL flush while it holds the
            // provider's row (every worker's calls queue on that row). After a server crash the table is empty and
            // each bucket starts full again.
            migrationBuilder.Sql("ALTER TABLE provider_pacing SET UNLOGGED;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provider_pacing");
        }
    }
}
