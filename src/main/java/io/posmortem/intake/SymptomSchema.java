package io.posmortem.intake;

/** The symptom-file JSON Schema, format v1 ({@code schema/symptom-file-v1.schema.json} on the classpath). */
public final class SymptomSchema {

    /** Classpath location of the schema; the README links to the file in the repository. */
    public static final String RESOURCE = "/schema/symptom-file-v1.schema.json";

    private static final DocumentSchema V1 = DocumentSchema.load(RESOURCE);

    private SymptomSchema() {}

    public static DocumentSchema v1() {
        return V1;
    }
}
