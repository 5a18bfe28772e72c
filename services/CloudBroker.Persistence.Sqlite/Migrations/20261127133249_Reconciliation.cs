using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "VanishedAt",
                table: "instances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reconciler_leases",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciler_leases", x => x.ProviderId);
                });

            migrationBuilder.CreateTable(
                name: "reconciliations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Seen = table.Column<int>(type: "INTEGER", nullable: false),
                    Matched = table.Column<int>(type: "INTEGER", nullable: false),
                    Vanished = table.Column<int>(type: "INTEGER", nullable: false),
                    OrphansReported = table.Column<int>(type: "INTEGER", nullable: false),
                    Adopted = table.Column<int>(type: "INTEGER", nullable: false),
                    Destroyed = table.Column<int>(type: "INTEGER", nullable: false),
                    Foreign = table.Column<int>(type: "INTEGER", nullable: false),
                    StuckResolved = table.Column<int>(type: "INTEGER", nullable: false),
                    Machines = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciliations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliations_ProviderId_Id",
                table: "reconciliations",
                columns: new[] { "ProviderId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reconciler_leases");

            migrationBuilder.DropTable(
                name: "reconciliations");

            migrationBuilder.DropColumn(
                name: "VanishedAt",
                table: "instances");
        }
    }
}
