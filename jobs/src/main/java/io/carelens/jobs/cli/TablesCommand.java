package io.carelens.jobs.cli;

import io.carelens.common.delta.TableDigest;
import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.run.StageContext;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carelens tables}: every Delta table of the warehouse with its current version and row count; with
 * {@code --digest}, a content digest per table instead of the count, to compare two warehouses or two runs. A table
 * whose first write was interrupted is named in a warning and skipped, so the healthy tables stay readable.
 */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List every Delta table of the warehouse: name, current version, row count "
                + "(with --digest: row count and a hash of the content without run ids).")
public final class TablesCommand extends StageCommand {
    @Option(names = "--digest", description = "print a content digest per table (compare it across runs)")
    boolean digest;

    @Override
    protected void run(StageContext context) {
        Warehouse wh = context.warehouse();
        warnIncomplete(wh, System.err);
        for (String t : wh.tables()) {
            String content = digest ? TableDigest.of(wh.read(t)) : "rows " + wh.rowCount(t);
            System.out.printf("%-32s version %-5d %s%n", t, wh.version(t), content);
        }
    }

    /** One warning line per table without a committed version, naming the stage whose next run creates it. */
    static void warnIncomplete(Warehouse wh, PrintStream err) {
        for (String t : wh.incompleteTables()) {
            String stage = GoldTable.byPath(t).map(GoldTable::owner)
                    .orElse(t.startsWith("ops/") ? "any stage" : "ingest");
            err.println("carelens: warning: " + t + " skipped: its first write was interrupted and it has no "
                    + "committed version; the next run of " + stage + " writes it");
        }
    }
}
