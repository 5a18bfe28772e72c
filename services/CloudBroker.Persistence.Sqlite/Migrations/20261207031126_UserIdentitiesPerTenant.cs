using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UserIdentitiesPerTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_Subject",
                table: "users");

            migrationBuilder.AddColumn<string>(
                name: "Issuer",
                table: "users",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "users",
                keyColumn: "Id",
                keyValue: "admin",
                column: "Issuer",
                value: null);

            migrationBuilder.CreateIndex(
                name: "IX_users_Issuer_TenantId_Subject",
                table: "users",
                columns: new[] { "Issuer", "TenantId", "Subject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_Issuer_TenantId_Subject",
                table: "users");

            migrationBuilder.DropColumn(
                name: "Issuer",
                table: "users");

            migrationBuilder.CreateIndex(
                name: "IX_users_Subject",
                table: "users",
                column: "Subject",
                unique: true);
        }
    }
}
