package io.posmortem.model.knowledge;

import io.posmortem.model.*;
import io.posmortem.model.positional.*;

/**
 * One positional configuration evaluated for a build: a candidate explanation (what the build
 * may effectively be running) or a proposed fix. Evidence facts refer to it by {@link #id()}.
 *
 * @param hypothesis the hypothesis a candidate stands for; {@code null} for a fix
 * @param fix        the fix id; {@code null} for a candidate
 * @param mechanism  knowledge-base mechanism id
 * @param spec       the exact configuration whose numbers were computed
 */
public record Subject(
        String id,
        String build,
        SubjectRole role,
        String hypothesis,
        String fix,
        String mechanism,
        PositionalSpec spec) implements BuildScoped {

    public static String candidateId(String build, String hypothesis) {
        return build + ":" + hypothesis;
    }

    public static String fixId(String build, String fix) {
        return build + ":fix:" + fix;
    }
}
