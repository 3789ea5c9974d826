package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.config.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A standard population for direct age standardisation (e.g. the US 2000 standard million), read from the versioned
 * reference table {@code reference/standard-populations/<name>.csv}.
 *
 * @param name the table's name
 * @param bands the age bands, in order
 */
public record StandardPopulation(String name, List<Band> bands) {

    /**
     * One age band of the standard.
     *
     * @param ageFrom first age in the band
     * @param ageTo last age in the band, or -1 when open-ended
     * @param weight the standard population of the band
     */
    public record Band(int ageFrom, int ageTo, double weight) {
    }

    /** Loads a bundled standard population by name. */
    public static StandardPopulation load(String name) {
        String resource = "/reference/standard-populations/" + name + ".csv";
        try (InputStream in = StandardPopulation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("carelens.equity.standard-population: no reference table '" + name
                        + "' (expected " + resource + ")");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Band> bands = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] f = line.split(",", -1);
                    bands.add(new Band(Integer.parseInt(f[0].trim()), f[1].isBlank() ? -1 : Integer.parseInt(f[1].trim()),
                            Double.parseDouble(f[2].trim())));
                }
            }
            return new StandardPopulation(name, List.copyOf(bands));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** The index of the band holding {@code age} (a Spark expression), null for a missing or negative age. */
    public Column bandIndex(Column age) {
        Column index = lit(null).cast("int");
        for (int i = bands.size() - 1; i >= 0; i--) {
            Band b = bands.get(i);
            Column in = age.geq(b.ageFrom());
            if (b.ageTo() >= 0) {
                in = in.and(age.leq(b.ageTo()));
            }
            index = when(in, lit(i)).otherwise(index);
        }
        return index;
    }
}
