namespace CloudBroker.Audit;

/// <summary>
/// The SQL that makes <c>audit_log</c> append-only on each engine: UPDATE and DELETE (and on PostgreSQL
/// TRUNCATE) abort with "audit_log is append-only". Migrations run these constants, so a regenerated
/// migration needs one line per engine. This guards against application bugs and casual tampering through
/// the broker's own connection; a database owner can still drop the triggers.
/// </summary>
public static class AuditLogTriggers
{
    public const string Table = "audit_log";

    public const string Message = "audit_log is append-only";

    public const string SqliteCreate = """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS audit_log_no_update;
        DROP TRIGGER IF EXISTS audit_log_no_delete;
        """;

    public const string PostgresCreate = """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END;
        $$;
        CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        """;

    public const string PostgresDrop = """
        DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
        DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log;
        DROP FUNCTION IF EXISTS audit_log_append_only();
        """;
}
