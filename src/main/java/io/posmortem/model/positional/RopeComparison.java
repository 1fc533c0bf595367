package io.posmortem.model.positional;

/**
 * Served frequencies compared with frequencies the model was trained (or fine-tuned) with, when
 * the latter are not the plain RoPE of the base model: e.g. fine-tuned under linear scaling s1 and
 * served under s2.
 *
 * @param trainedContext    the window the {@code trained} frequencies were trained on
 * @param pretrained        the frequencies of pre-training before the fine-tune (plain RoPE), or
 *                          null: a fine-tuned model still knows them over {@code pretrainedContext},
 *                          so each pair is compared with whichever of the two it is served closer to
 * @param pretrainedContext the pre-training window (ignored without {@code pretrained})
 */
public record RopeComparison(RopeMapping trained, int trainedContext, RopeMapping served, RopeMapping pretrained,
                             int pretrainedContext) implements PositionalSpec {

    /** A comparison with one reference. */
    public RopeComparison(RopeMapping trained, int trainedContext, RopeMapping served) {
        this(trained, trainedContext, served, null, 0);
    }
}
