package io.posmortem.model.input;

import io.posmortem.model.*;
import io.posmortem.model.positional.*;

import java.util.Map;

/**
 * The change made to a build's positional encoding, resolved.
 *
 * @param kind          a retrofit kind from the knowledge base vocabulary (e.g. {@code rope-base-scaling})
 * @param factor        context extension factor s (explicit, or target / trained)
 * @param newBase       the RoPE base after the change, when the file gives it; otherwise {@code null}
 * @param targetContext context length the build is meant to serve, in tokens
 * @param ropeScaling   the HF-style {@code rope_scaling} block as given (key order kept), or an empty map
 * @param configured    the mapping that block selects (transformers v5 semantics), or {@code null} without a block
 * @param buckets       bucket parameters for a T5-style bias, when given; otherwise {@code null}
 * @param fineTuned     whether the build was fine-tuned after the change
 * @param fineTunedContext the window the build was fine-tuned (or trained) at after the change: as
 *                      given, else the target length
 * @param description   the user's own words
 */
public record Retrofit(
        String kind,
        double factor,
        Double newBase,
        int targetContext,
        Map<String, Object> ropeScaling,
        RopeMapping configured,
        BucketSpec buckets,
        Tri fineTuned,
        int fineTunedContext,
        String description) {}
