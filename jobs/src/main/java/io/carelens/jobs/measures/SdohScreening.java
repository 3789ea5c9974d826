package io.carelens.jobs.measures;

import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * SDOH-1, after CMS "Screening for Social Drivers of Health": adults seen in the period who were screened for all
 * five domains (food insecurity, housing instability, transportation needs, utility difficulties, interpersonal
 * safety).
 */
final class SdohScreening extends Measure {

    @Override
    public String id() {
        return "SDOH-1";
    }

    @Override
    public String title() {
        return "Screening for Social Drivers of Health";
    }

    @Override
    public Set<String> valueSets() {
        return new HashSet<>(SocialNeeds.valueSets());
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        return SocialNeeds.adultsSeen(c);
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        return SocialNeeds.screenedAllDomains(c);
    }
}
