package io.posmortem.intake;

/**
 * The symptom-file JSON Schemas on the classpath: format v2 ({@code schema/symptom-file-v2.schema.json})
 * and format v1, whose fields are a subset of v2's. A file is validated against the schema of the
 * version it declares, so a version-1 file with a version-2 field is refused with a hint. Both
 * share one table of the names people write for the format's fields and values.
 */
public final class SymptomSchema {

    /** Classpath location of the current schema; the README links to the file in the repository. */
    public static final String RESOURCE = "/schema/symptom-file-v2.schema.json";

    /** Classpath location of the version-1 schema. */
    public static final String RESOURCE_V1 = "/schema/symptom-file-v1.schema.json";

    /** Classpath location of the table of names people write for the format's fields and values. */
    public static final String MISTAKES_RESOURCE = "/schema/symptom-file-v1.common-mistakes.json";

    private static final CommonMistakes MISTAKES = CommonMistakes.load(MISTAKES_RESOURCE);
    private static final DocumentSchema V1 = DocumentSchema.loadForMany(RESOURCE_V1, MISTAKES);
    private static final DocumentSchema V2 = DocumentSchema.loadForMany(RESOURCE, MISTAKES);

    private SymptomSchema() {}

    public static DocumentSchema v1() {
        return V1;
    }

    public static DocumentSchema v2() {
        return V2;
    }

    /** The schema for a file declaring {@code version}: v1 for 1, v2 for anything else (which v2 then refuses unless it is 2). */
    public static DocumentSchema forVersion(Object version) {
        return version instanceof Number n && n.doubleValue() == 1 ? V1 : V2;
    }

    /** The common mistakes of the format, for hints on the names the knowledge base defines (retrofit kinds, capabilities). */
    public static CommonMistakes mistakes() {
        return MISTAKES;
    }
}
