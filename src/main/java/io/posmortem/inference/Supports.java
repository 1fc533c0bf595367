package io.posmortem.inference;

import io.posmortem.model.derived.Prediction;
import io.posmortem.model.derived.Support;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.FactRow;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Builds {@link Support} facts in matching-rule consequences, taking the weight from the firing
 * rule's {@code @weight} metadata so that the number lives in one place:
 * {@code insertLogical(Supports.weighed(drools, $h, $o));}
 */
public final class Supports {
    private Supports() {}

    /**
     * Support for {@code hypothesis} from an observation: the firing rule's weight times the
     * observation's strength (how well its outcome is established: counts tested against a
     * baseline, or a stated outcome).
     */
    public static Support weighed(RuleContext drools, String hypothesis, Observation observation) {
        return new Support(observation.build(), hypothesis, ruleId(drools), weight(drools) * observation.strength(),
                observation.id(), observation.capability());
    }

    /**
     * Support for {@code hypothesis} from an observation meeting a prediction: the firing rule's
     * weight times the observation's strength times the prediction's (how firmly the numbers
     * predict it).
     */
    public static Support weighed(RuleContext drools, String hypothesis, Observation observation, Prediction prediction) {
        return new Support(observation.build(), hypothesis, ruleId(drools), weight(drools) * observation.strength() * prediction.strength(),
                observation.id(), observation.capability());
    }

    /**
     * Support for {@code hypothesis} from a knowledge-base row of reported facts: the row's id as
     * the support's rule, its weight times the firing rule's, decisive as the row says.
     */
    public static Support fromRow(RuleContext drools, String build, String hypothesis, FactRow row) {
        return new Support(build, hypothesis, row.id(), row.weight() * weight(drools), "-", "-", row.decisive());
    }

    /** Support for {@code hypothesis} not tied to an observation (e.g. the stated retrofit). */
    public static Support weighed(RuleContext drools, String build, String hypothesis) {
        return new Support(build, hypothesis, ruleId(drools), weight(drools), "-", "-");
    }

    static double weight(RuleContext drools) {
        return Double.parseDouble(String.valueOf(drools.getRule().getMetaData().get("weight")));
    }

    static String ruleId(RuleContext drools) {
        Object id = drools.getRule().getMetaData().get("id");
        return id == null ? drools.getRule().getName() : String.valueOf(id);
    }
}
