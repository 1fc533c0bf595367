package io.posmortem.model.derived;

import io.posmortem.model.*;
import java.util.List;

/**
 * A check-and-change fix of the concluded hypothesis that is not recommended because the build does
 * not report its precondition: fact {@code fact} in one of {@code states}.
 */
public record FixNotApplicable(String build, String hypothesis, String fix, String fact, List<String> states) implements BuildScoped {}
