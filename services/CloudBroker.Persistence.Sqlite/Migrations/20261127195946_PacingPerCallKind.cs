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

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
