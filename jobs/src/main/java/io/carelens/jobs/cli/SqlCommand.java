package io.carelens.jobs.cli;

import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code carelens sql "SELECT ..."}: Spark SQL over the warehouse, each table a view named by its path with
 * '_' for '/' (silver_encounter, gold_measure_rates); the result is printed as CSV with a header. A table whose
 * first write was interrupted is named in a warning and has no view. Only the tables the query names get a view (each
 * costs a snapshot and a Spark job, about half a second); a query that names none, such as {@code SHOW TABLES}, or
 * that names a view the text does not spell out whole ({@code IDENTIFIER('silver_' || 'encounter')}), gets them all.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run Spark SQL over the warehouse (views such as silver_encounter) and print CSV.")
public final class SqlCommand extends StageCommand {
    private static final Pattern WORD = Pattern.compile("[a-z0-9_]+");

    @Parameters(index = "0", paramLabel = "QUERY", description = "the SQL query")
    String query;

    @Override
    protected void run(StageContext context) {
        TablesCommand.warnIncomplete(context.warehouse(), System.err);
        List<String> tables = context.warehouse().tables();
        List<String> named = tablesNamedIn(query, tables);
        context.warehouse().registerViews(named);
        Dataset<Row> result;
        try {
            result = context.spark().sql(query);
        } catch (Exception e) {
            boolean viewMissing = e instanceof SparkThrowable t && "TABLE_OR_VIEW_NOT_FOUND".equals(t.getErrorClass());
            if (!viewMissing || named.size() == tables.size()) {
                throw e;
            }
            context.warehouse().registerViews(tables);
            result = context.spark().sql(query);
        }
        print(result, System.out);
    }

    /**
     * The tables whose view name is a word of the query, in any case (Spark's identifiers ignore case); a name in a
     * comment or string counts too, which costs a view and changes no result. All tables when the query names none.
     */
    static List<String> tablesNamedIn(String query, List<String> tables) {
        Set<String> words = WORD.matcher(query.toLowerCase(Locale.ROOT)).results().map(MatchResult::group)
                .collect(Collectors.toSet());
        List<String> named = tables.stream()
                .filter(t -> words.contains(Warehouse.viewName(t).toLowerCase(Locale.ROOT))).toList();
        return named.isEmpty() ? tables : named;
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
