using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Quotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quota_reservations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    OperationId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Instances = table.Column<long>(type: "INTEGER", nullable: false),
                    RunningInstances = table.Column<long>(type: "INTEGER", nullable: false),
                    Cpu = table.Column<long>(type: "INTEGER", nullable: false),
                    MemoryMiB = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageGiB = table.Column<long>(type: "INTEGER", nullable: false),
                    HourlyMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quota_reservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quotas",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BudgetLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    BudgetReserved = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetWarnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CpuLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    CpuReserved = table.Column<long>(type: "INTEGER", nullable: false),
                    CpuUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    CpuWarnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InstancesLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    InstancesReserved = table.Column<long>(type: "INTEGER", nullable: false),
                    InstancesUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    InstancesWarnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MemoryMiBLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    MemoryMiBReserved = table.Column<long>(type: "INTEGER", nullable: false),
                    MemoryMiBUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    MemoryMiBWarnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RunningInstancesLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    RunningInstancesReserved = table.Column<long>(type: "INTEGER", nullable: false),
                    RunningInstancesUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    RunningInstancesWarnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StorageGiBLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    StorageGiBReserved = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageGiBUsed = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageGiBWarnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotas", x => new { x.Scope, x.ScopeId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_quota_reservations_InstanceId",
                table: "quota_reservations",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_quota_reservations_Status_ExpiresAt",
                table: "quota_reservations",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_quota_reservations_TenantId_Period",
                table: "quota_reservations",
                columns: new[] { "TenantId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_quotas_TenantId_Scope_ScopeId",
                table: "quotas",
                columns: new[] { "TenantId", "Scope", "ScopeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quota_reservations");

            migrationBuilder.DropTable(
                name: "quotas");
        }
    }
}
