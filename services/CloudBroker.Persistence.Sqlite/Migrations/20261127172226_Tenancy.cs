using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Tenancy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A user's keys act with the user's roles now. SQLite drops a column in place (EF would rebuild the table).
            migrationBuilder.Sql("ALTER TABLE \"api_keys\" DROP COLUMN \"Roles\";");

            migrationBuilder.AddColumn<string>(
                name: "GroupId",
                table: "ssh_keys",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "system");

            migrationBuilder.AddColumn<string>(
                name: "GroupId",
                table: "operations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "system");

            migrationBuilder.AddColumn<string>(
                name: "GroupId",
                table: "instances",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "system");

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "api_keys",
                type: "TEXT",
                maxLength: 63,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "groups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_groups_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    DefaultGroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    DisabledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_users_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "group_members",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_group_members", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_group_members_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_group_members_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "tenants",
                columns: new[] { "Id", "CreatedAt", "Description", "Name", "UpdatedAt", "Version" },
                values: new object[] { "system", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "The broker's own tenant: the bootstrap admin and adopted machines", "system", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), 1 });

            migrationBuilder.InsertData(
                table: "groups",
                columns: new[] { "Id", "CreatedAt", "Description", "Name", "TenantId", "UpdatedAt", "Version" },
                values: new object[] { "system", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), null, "system", "system", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), 1 });

            migrationBuilder.InsertData(
                table: "users",
                columns: new[] { "Id", "CreatedAt", "DefaultGroupId", "DisabledAt", "Email", "Name", "Roles", "Subject", "TenantId", "UpdatedAt", "Version" },
                values: new object[] { "admin", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "system", null, null, "admin", "admin", null, "system", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), 1 });

            migrationBuilder.InsertData(
                table: "group_members",
                columns: new[] { "GroupId", "UserId" },
                values: new object[] { "system", "admin" });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_UserId",
                table: "api_keys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_group_members_UserId",
                table: "group_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_groups_TenantId_Id",
                table: "groups",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_users_Subject",
                table: "users",
                column: "Subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_TenantId_Id",
                table: "users",
                columns: new[] { "TenantId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "group_members");

            migrationBuilder.DropTable(
                name: "groups");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "tenants");

            migrationBuilder.DropIndex(
                name: "IX_api_keys_UserId",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "ssh_keys");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "operations");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "api_keys");

            migrationBuilder.AddColumn<string>(
                name: "Roles",
                table: "api_keys",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }
    }
}
