package io.posmortem.model.knowledge;

/**
 * The value used for a symptom-file field the file leaves out.
 *
 * @param pointer JSON pointer of the field relative to its object, e.g. {@code /head_dim} in {@code /model}
 * @param basis   why this value (the model family it comes from)
 */
public record ModelDefault(String pointer, Object value, String basis) implements java.io.Serializable {}
