package io.carelens.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CodeSystem;
import io.carelens.common.valueset.ValueSet;
import io.carelens.common.valueset.ValueSetLibrary;
import io.carelens.common.valueset.ValueSetLoader;
import io.carelens.jobs.generate.Draw.Weighted;
import io.carelens.jobs.measures.Measure;
import io.carelens.jobs.measures.Measures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The codes the generator writes belong to the value sets and lookup tables the measures read: the bundled eCQM
 * value sets (read with {@link ValueSetLoader}, as the measures stage reads them), the NYU/Johnston ED table and
 * the AHRQ PQI lists (extracts in src/test/resources/generate, see PROVENANCE.md).
 */
class CodesTest {

    private static List<String[]> rows(String name) throws IOException {
        try (InputStream in = CodesTest.class.getResourceAsStream("/generate/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",", -1)).toList();
        }
    }

    private static Set<String> codes(List<Weighted> weighted) {
        Set<String> s = new HashSet<>();
        weighted.forEach(w -> s.add(w.value()));
        return s;
    }

    private static String undotted(String icd10) {
        return icd10.replace(".", "");
    }

    /** The bundled eCQM expansions, as the measures stage loads them (no user folders). */
    private static final ValueSetLibrary BUNDLED = ValueSetLoader.load(List.of(), List.of());

    /** Codes of one code system that the generator writes for a measure, and the value set that must hold them. */
    private record Use(String measure, String valueSet, CodeSystem system, Set<String> codes) {
    }

    private static Use use(String measure, String valueSet, CodeSystem system, Set<String> codes) {
        return new Use(measure, valueSet, system, codes);
    }

    /** Preventive visit codes by age band, as Encounters.typeCode writes them. */
    private static final Set<String> PREVENTIVE_18_UP = Set.of("99395", "99396");
    private static final Set<String> PREVENTIVE_12_TO_17 = Set.of("99394");

    /**
     * Every code the generator writes for a measure is in the value set of that name among the sets the measure
     * itself reads ({@link Measure#valueSets()}), with the code system the generator writes: so CMS138 is checked
     * against the 2024 expansions of Office Visit, Annual Wellness Visit and Hospice Care Ambulatory it uses.
     */
    @Test
    void everyCodeTheGeneratorWritesForAMeasureIsInTheValueSetThatMeasureReads() {
        Set<String> office = codes(Codes.OFFICE_VISIT);
        List<Use> uses = new ArrayList<>();
        for (String m : List.of("CMS122", "CMS165", "CMS125", "CMS130", "CMS138-1")) {
            uses.add(use(m, "OfficeVisit", CodeSystem.CPT, office));
            uses.add(use(m, "AnnualWellnessVisit", CodeSystem.HCPCS, Set.of(Codes.ANNUAL_WELLNESS_VISIT)));
            uses.add(use(m, "PreventiveCareServicesEstablishedOfficeVisit,18andUp", CodeSystem.CPT, PREVENTIVE_18_UP));
            uses.add(use(m, "TelephoneVisits", CodeSystem.CPT, Set.of(Codes.TELEPHONE_VISIT)));
            uses.add(use(m, "HospiceCareAmbulatory", CodeSystem.SNOMEDCT, Set.of(Codes.HOSPICE_CARE)));
        }
        for (String m : List.of("CMS122", "CMS165", "CMS125", "CMS130")) {
            uses.add(use(m, "PalliativeCareIntervention", CodeSystem.SNOMEDCT, Set.of(Codes.PALLIATIVE_CARE)));
            uses.add(use(m, "EncounterInpatient", CodeSystem.SNOMEDCT,
                    Set.of(Codes.EMERGENCY_ADMISSION, Codes.ELECTIVE_ADMISSION)));
        }
        uses.add(use("CMS122", "Diabetes", CodeSystem.ICD10CM, codes(Codes.DIABETES)));
        uses.add(use("CMS122", "HbA1cLaboratoryTest", CodeSystem.LOINC, Set.of(Codes.HBA1C)));
        uses.add(use("CMS165", "EssentialHypertension", CodeSystem.ICD10CM, Set.of(Codes.HYPERTENSION)));
        uses.add(use("CMS165", "EmergencyDepartmentEvaluationandManagementVisit", CodeSystem.CPT, codes(Codes.ED_VISIT)));
        uses.add(use("CMS125", "Mammography", CodeSystem.LOINC, Set.of(Codes.MAMMOGRAPHY)));
        uses.add(use("CMS130", "Colonoscopy", CodeSystem.CPT, Set.of(Codes.COLONOSCOPY)));
        Set<String> screeningVisits = new HashSet<>(office);
        screeningVisits.addAll(PREVENTIVE_18_UP);
        screeningVisits.addAll(PREVENTIVE_12_TO_17);
        screeningVisits.add(Codes.DEPRESSION_VISIT);
        uses.add(use("CMS2", "EncounterToScreenForDepression", CodeSystem.CPT, screeningVisits));
        uses.add(use("CMS2", "EncounterToScreenForDepression", CodeSystem.HCPCS, Set.of(Codes.ANNUAL_WELLNESS_VISIT)));
        uses.add(use("CMS2", "TelephoneVisits", CodeSystem.CPT, Set.of(Codes.TELEPHONE_VISIT)));
        uses.add(use("CMS2", "FollowUpForAdultDepression", CodeSystem.SNOMEDCT, Set.of(Codes.DEPRESSION_FOLLOW_UP)));
        uses.add(use("CMS159", "ContactorOfficeVisit", CodeSystem.CPT, Set.of(Codes.DEPRESSION_VISIT)));
        uses.add(use("CMS159", "MajorDepressionIncludingRemission", CodeSystem.ICD10CM, codes(Codes.DEPRESSION)));
        uses.add(use("CMS159", "PHQ9andPHQ9MTools", CodeSystem.LOINC, Set.of(Codes.PHQ9)));
        uses.add(use("CMS138-1", "PreventiveCare,EstablishedOfficeVisit,0to17", CodeSystem.CPT, PREVENTIVE_12_TO_17));
        uses.add(use("CMS138-1", "TobaccoUseScreening", CodeSystem.LOINC, Set.of(Codes.TOBACCO_STATUS)));
        uses.add(use("CMS138-1", "TobaccoUser", CodeSystem.SNOMEDCT, Set.of(Codes.SMOKER)));
        uses.add(use("CMS138-1", "TobaccoNonUser", CodeSystem.SNOMEDCT, Set.of(Codes.NON_SMOKER)));
        uses.add(use("CMS138-2", "TobaccoUseCessationCounseling", CodeSystem.CPT, Set.of(Codes.TOBACCO_COUNSELING)));
        uses.add(use("CMS138-2", "TobaccoUseCessationPharmacotherapy", CodeSystem.RXNORM,
                codes(Codes.TOBACCO_PHARMACOTHERAPY)));

        for (Use u : uses) {
            Measure measure = Measures.select(List.of(u.measure())).get(0);
            List<ValueSet> named = measure.valueSets().stream().map(BUNDLED::find).flatMap(Optional::stream)
                    .filter(vs -> vs.name().equals(u.valueSet())).toList();
            assertEquals(1, named.size(), u.measure() + " reads no (or several) value sets named " + u.valueSet());
            Set<ValueSet.Code> members = new HashSet<>(named.get(0).codes());
            for (String code : u.codes()) {
                ValueSet.Code coded = new ValueSet.Code(u.system().name(),
                        ValueSetLoader.normalizeCode(u.system().name(), code));
                assertTrue(members.contains(coded), u.measure() + ": " + u.system() + " " + code + " is not in "
                        + u.valueSet() + " (" + named.get(0).oid() + ")");
            }
        }
    }

    @Test
    void edDiagnosesAreClassifiedByTheJohnstonTableAsIntended() throws IOException {
        Map<String, double[]> nyu = new HashMap<>();
        for (String[] r : rows("nyu-johnston-extract.csv")) {
            double[] v = new double[8];
            for (int i = 0; i < 8; i++) {
                v[i] = Double.parseDouble(r[i + 1]);
            }
            nyu.put(r[0], v);
        }
        for (String code : codes(Codes.ED_PRIMARY_CARE_TREATABLE)) {
            double[] v = nyu.get(undotted(code));
            assertTrue(v != null, code + " is not in the Johnston table");
            assertTrue(v[2] + v[3] >= 0.6, code + ": epct + noner below 0.6");
        }
        Set<String> unclassified = new HashSet<>(codes(Codes.ED_OTHER));
        unclassified.removeIf(c -> nyu.containsKey(undotted(c)));
        assertEquals(Set.of("R51.9", "K08.89"), unclassified, "only the intended codes are unclassified");
    }

    @Test
    void inpatientPrincipalDiagnosesCoverThePqiNumerators() throws IOException {
        Map<String, Set<String>> pqiByCode = new HashMap<>();
        for (String[] r : rows("pqi-extract.csv")) {
            pqiByCode.computeIfAbsent(r[0], k -> new HashSet<>()).add(r[2]);
        }
        Set<String> covered = new HashSet<>();
        for (String code : codes(Codes.INPATIENT_PRINCIPAL)) {
            covered.addAll(pqiByCode.getOrDefault(undotted(code), Set.of()));
        }
        assertTrue(covered.containsAll(Set.of("01", "03", "05", "07", "08", "11", "12", "14")), covered.toString());
    }
}
