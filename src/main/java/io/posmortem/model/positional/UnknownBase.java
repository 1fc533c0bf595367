package io.posmortem.model.positional;

/**
 * A RoPE base change whose new base the build does not give: no mapping can be computed, but the
 * range of bases that would produce given symptoms can ({@link BaseChangeRange}).
 *
 * @param trainedBase the base the model was trained with
 */
public record UnknownBase(double trainedBase) implements PositionalSpec {}
