package io.posmortem.model;

import java.util.List;

/** One build of the model: its retrofit, its runtime, and what was observed. */
public record BuildSpec(
        String id,
        String title,
        Retrofit retrofit,
        RuntimeSpec runtime,
        List<Observation> observations,
        String pointer) {}
