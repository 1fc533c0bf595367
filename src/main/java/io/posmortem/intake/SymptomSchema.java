package io.posmortem.intake;

/** The symptom-file JSON Schema, format v1 ({@code schema/symptom-file-v1.schema.json} on the classpath). */
public final class SymptomSchema {

    /** Classpath location of the schema; the README links to the file in the repository. */
    public static final String RESOURCE = "/schema/symptom-file-v1.schema.json";

    /** Classpath location of the table of names people write for the format's fields and values. */
    public static final String MISTAKES_RESOURCE = "/schema/symptom-file-v1.common-mistakes.json";

    private static final CommonMistakes MISTAKES = CommonMistakes.load(MISTAKES_RESOURCE);
    private static final DocumentSchema V1 = DocumentSchema.load(RESOURCE, MISTAKES);

    private SymptomSchema() {}

    public static DocumentSchema v1() {
        return V1;
    }

    /** The common mistakes of format v1, for hints on the names the knowledge base defines (retrofit kinds, capabilities). */
    public static CommonMistakes mistakes() {
        return MISTAKES;
    }
}
