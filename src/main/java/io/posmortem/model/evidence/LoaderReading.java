package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * What one generation of the transformers loader computes from a YaRN config: the factor it uses,
 * the attention factor that follows, and the window its correction range is computed over.
 */
public record LoaderReading(String build, String generation, double factor, double attentionFactor, int correctionContext)
        implements BuildScoped {}
