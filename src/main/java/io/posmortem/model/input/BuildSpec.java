package io.posmortem.model.input;

import io.posmortem.model.positional.*;

import java.util.List;

/** One build of the model: its retrofit, its runtime, and what was observed. */
public record BuildSpec(
        String id,
        String title,
        Retrofit retrofit,
        RuntimeSpec runtime,
        List<Observation> observations,
        String pointer,
        RopeMapping whatIf,
        java.util.Map<String, Object> whatIfBlock) {

    /** This build with an alternative rope_scaling to evaluate beside the current one. */
    public BuildSpec withWhatIf(RopeMapping mapping, java.util.Map<String, Object> block) {
        return new BuildSpec(id, title, retrofit, runtime, observations, pointer, mapping, block);
    }
}
