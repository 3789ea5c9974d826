package io.carelens.jobs.cli;

import io.carelens.jobs.run.StageContext;
import java.io.PrintStream;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code carelens sql "SELECT ..."}: Spark SQL over the warehouse, each table a view named by its path with
 * '_' for '/' (silver_encounter, gold_measure_rates); the result is printed as CSV with a header. A table whose
 * first write was interrupted is named in a warning and has no view.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run Spark SQL over the warehouse (views such as silver_encounter) and print CSV.")
public final class SqlCommand extends StageCommand {
    @Parameters(index = "0", paramLabel = "QUERY", description = "the SQL query")
    String query;

    @Override
    protected void run(StageContext context) {
        TablesCommand.warnIncomplete(context.warehouse(), System.err);
        context.warehouse().registerViews();
        print(context.spark().sql(query), System.out);
    }

    static void print(Dataset<Row> result, PrintStream out) {
        out.println(String.join(",", java.util.Arrays.stream(result.columns()).map(SqlCommand::csv).toList()));
        Iterator<Row> it = result.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(r.isNullAt(i) ? "" : csv(String.valueOf(r.get(i))));
            }
            out.println(line);
        }
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
