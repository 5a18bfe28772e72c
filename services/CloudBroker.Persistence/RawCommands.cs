using System.Data.Common;

namespace CloudBroker.Persistence;

/// <summary>
/// Statements written by hand (quota counters, capacity claims, row locks) run on the save's own connection and
/// transaction, and take every value as a parameter, never in their text.
/// </summary>
public static class RawCommands
{
    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds <paramref name="value"/> as the parameter <paramref name="name"/> (a null as the database's null).</summary>
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
