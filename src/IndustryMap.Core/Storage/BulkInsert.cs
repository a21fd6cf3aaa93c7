using System.Data.Common;

namespace IndustryMap.Storage;

/// <summary>
/// Multi-row INSERT … VALUES in batches: one statement per few hundred rows instead of one per row, which is what
/// makes loading six thousand document lines quick on PostgreSQL over a socket. Works on both engines.
/// </summary>
public static class BulkInsert
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names are constants of the calling feature; every value is a parameter.")]
    public static async Task<int> RowsAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, IEnumerable<object?[]> rows, int batchSize = 400)
    {
        var total = 0;
        foreach (var batch in rows.Chunk(batchSize))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new List<string>(batch.Length);
            for (var r = 0; r < batch.Length; r++)
            {
                var names = new string[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{r}_{c}";
                    parameter.Value = batch[r][c] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    names[c] = parameter.ParameterName;
                }
                values.Add($"({string.Join(", ", names)})");
            }
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(",\n", values)}";
            total += await command.ExecuteNonQueryAsync();
        }
        return total;
    }
}
