package io.posmortem.model.input;

import java.util.List;

/**
 * A validated symptom file: one model, one or more builds of it.
 *
 * @param source      the path the file was read from, as given on the command line
 * @param sha256      hex SHA-256 of the file's bytes
 * @param assumptions every value filled in because the file left it out
 */
public record SymptomFile(
        String source,
        String sha256,
        String title,
        ModelSpec model,
        List<BuildSpec> builds,
        List<Assumption> assumptions,
        ModelConfig modelConfig) {}
