package io.carelens.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.generate.Draw.Weighted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The codes the generator writes belong to the value sets and lookup tables the measures read: the eCQM value sets,
 * the NYU/Johnston ED table and the AHRQ PQI lists (extracts in src/test/resources/generate, see PROVENANCE.md).
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

    @Test
    void encounterObservationAndTreatmentCodesAreInTheirEcqmValueSets() throws IOException {
        Map<String, Set<String>> valueSets = new HashMap<>();
        for (String[] r : rows("ecqm-valueset-codes.csv")) {
            valueSets.computeIfAbsent(r[1], k -> new HashSet<>()).add(r[2]);
        }
        Map<String, Set<String>> expected = new HashMap<>();
        expected.put("OfficeVisit", codes(Codes.OFFICE_VISIT));
        expected.put("TelephoneVisits", Set.of(Codes.TELEPHONE_VISIT));
        expected.put("AnnualWellnessVisit", Set.of(Codes.ANNUAL_WELLNESS_VISIT));
        expected.put("PreventiveCareServicesEstablishedOfficeVisit18andUp", Set.of("99395", "99396"));
        expected.put("PreventiveCareEstablishedOfficeVisit0to17", Set.of("99391", "99392", "99393", "99394"));
        expected.put("EmergencyDepartmentEvaluationandManagementVisit", codes(Codes.ED_VISIT));
        expected.put("EncounterInpatient", Set.of(Codes.EMERGENCY_ADMISSION, Codes.ELECTIVE_ADMISSION));
        expected.put("ContactorOfficeVisit", Set.of(Codes.DEPRESSION_VISIT));
        expected.put("Diabetes", codes(Codes.DIABETES));
        expected.put("EssentialHypertension", Set.of(Codes.HYPERTENSION));
        expected.put("MajorDepressionIncludingRemission", codes(Codes.DEPRESSION));
        expected.put("HbA1cLaboratoryTest", Set.of(Codes.HBA1C));
        expected.put("Mammography", Set.of(Codes.MAMMOGRAPHY));
        expected.put("Colonoscopy", Set.of(Codes.COLONOSCOPY));
        expected.put("TobaccoUseScreening", Set.of(Codes.TOBACCO_STATUS));
        expected.put("TobaccoUser", Set.of(Codes.SMOKER));
        expected.put("TobaccoNonUser", Set.of(Codes.NON_SMOKER));
        expected.put("TobaccoUseCessationPharmacotherapy", codes(Codes.TOBACCO_PHARMACOTHERAPY));
        expected.put("TobaccoUseCessationCounseling", Set.of(Codes.TOBACCO_COUNSELING));
        expected.put("FollowUpForAdultDepression", Set.of(Codes.DEPRESSION_FOLLOW_UP));
        expected.put("HospiceCareAmbulatory", Set.of(Codes.HOSPICE_CARE));
        expected.put("PalliativeCareIntervention", Set.of(Codes.PALLIATIVE_CARE));
        expected.put("PHQ9andPHQ9MTools", Set.of(Codes.PHQ9));
        expected.forEach((valueSet, used) -> assertTrue(valueSets.getOrDefault(valueSet, Set.of()).containsAll(used),
                valueSet + " lacks some of " + used));
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
