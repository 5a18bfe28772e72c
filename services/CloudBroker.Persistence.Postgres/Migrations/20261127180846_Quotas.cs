using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudBroker.Persistence.Postgres.Migrations
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
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    OperationId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Instances = table.Column<long>(type: "bigint", nullable: false),
                    RunningInstances = table.Column<long>(type: "bigint", nullable: false),
                    Cpu = table.Column<long>(type: "bigint", nullable: false),
                    MemoryMiB = table.Column<long>(type: "bigint", nullable: false),
                    StorageGiB = table.Column<long>(type: "bigint", nullable: false),
                    HourlyMicros = table.Column<long>(type: "bigint", nullable: false),
                    BudgetMicros = table.Column<long>(type: "bigint", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quota_reservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quotas",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ScopeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BudgetLimit = table.Column<long>(type: "bigint", nullable: true),
                    BudgetReserved = table.Column<long>(type: "bigint", nullable: false),
                    BudgetUsed = table.Column<long>(type: "bigint", nullable: false),
                    BudgetWarnAt = table.Column<long>(type: "bigint", nullable: true),
                    CpuLimit = table.Column<long>(type: "bigint", nullable: true),
                    CpuReserved = table.Column<long>(type: "bigint", nullable: false),
                    CpuUsed = table.Column<long>(type: "bigint", nullable: false),
                    CpuWarnAt = table.Column<long>(type: "bigint", nullable: true),
                    InstancesLimit = table.Column<long>(type: "bigint", nullable: true),
                    InstancesReserved = table.Column<long>(type: "bigint", nullable: false),
                    InstancesUsed = table.Column<long>(type: "bigint", nullable: false),
                    InstancesWarnAt = table.Column<long>(type: "bigint", nullable: true),
                    MemoryMiBLimit = table.Column<long>(type: "bigint", nullable: true),
                    MemoryMiBReserved = table.Column<long>(type: "bigint", nullable: false),
                    MemoryMiBUsed = table.Column<long>(type: "bigint", nullable: false),
                    MemoryMiBWarnAt = table.Column<long>(type: "bigint", nullable: true),
                    RunningInstancesLimit = table.Column<long>(type: "bigint", nullable: true),
                    RunningInstancesReserved = table.Column<long>(type: "bigint", nullable: false),
                    RunningInstancesUsed = table.Column<long>(type: "bigint", nullable: false),
                    RunningInstancesWarnAt = table.Column<long>(type: "bigint", nullable: true),
                    StorageGiBLimit = table.Column<long>(type: "bigint", nullable: true),
                    StorageGiBReserved = table.Column<long>(type: "bigint", nullable: false),
                    StorageGiBUsed = table.Column<long>(type: "bigint", nullable: false),
                    StorageGiBWarnAt = table.Column<long>(type: "bigint", nullable: true)
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
