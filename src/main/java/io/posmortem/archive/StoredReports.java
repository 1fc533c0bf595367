package io.posmortem.archive;

import io.posmortem.report.Report;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report read back from the JSON the archive keeps (the JSON report, {@code JsonRenderer}'s
 * conventions: snake_case, nulls left out), so {@code show} renders it again in any format. Fields
 * an older posmortem did not write stay null; fields it wrote that this one does not know are skipped.
 */
final class StoredReports {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .build();

    private StoredReports() {}

    static Report read(String json, long id) throws ArchiveException {
        try {
            return MAPPER.readValue(json, Report.class);
        } catch (JacksonException e) {
            throw ArchiveException.of("archive.report", "incident " + id, "the stored report cannot be read by this version: "
                    + e.getOriginalMessage(), "a report posmortem's JSON renderer wrote", "use --format json for the report as stored", e);
        }
    }
}
