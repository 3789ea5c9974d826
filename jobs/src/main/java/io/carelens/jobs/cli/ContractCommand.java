package io.carelens.jobs.cli;

import io.carelens.common.schema.ContractDoc;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code carelens contract}: prints the canonical data contract as Markdown (the source of docs/data-contract.md). */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = "Print the canonical data contract (tables, columns, types, allowed values) as Markdown.")
public final class ContractCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(ContractDoc.markdown());
        return 0;
    }
}
