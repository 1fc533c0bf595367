package io.posmortem.evidence;

import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.evidence.rope.LocalLayerRotation;
import io.posmortem.evidence.rope.RotaryLayouts;
import io.posmortem.evidence.rope.RotaryWidths;
import io.posmortem.model.Encoding;
import io.posmortem.model.RotaryLayout;
import io.posmortem.model.Tri;
import io.posmortem.model.evidence.IropeLayerProfile;
import io.posmortem.model.evidence.LocalLayerProfile;
import io.posmortem.model.evidence.RotaryLayoutProfile;
import io.posmortem.model.evidence.RotaryWidthProfile;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.LayerScheme;
import io.posmortem.model.input.ModelSpec;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * How the engine may rotate a RoPE model's layers otherwise than trained: the local layers of a
 * local/global model given the global layers' scaling or base, and the whole rotation in the other
 * rotary layout. Computed from the model (and the engine's layout) only; rules decide what applies.
 */
final class LayerRotationEvidence {
    private LayerRotationEvidence() {}

    /**
     * One profile per misapplication the model's layers allow: {@code global-scaling} when the
     * build configures a scaling the local layers were trained without ({@code local_scaled} not
     * true), {@code global-base} when the local layers have a base of their own. The global scaling
     * brings its attention factor along (an engine that builds one rotary embedding for every layer
     * applies its cos/sin tables, attention factor included, to the local layers too).
     */
    static List<LocalLayerProfile> localLayers(ModelSpec model, BuildSpec build, int target, EvidenceSettings settings) {
        LayerScheme layers = model.layers();
        if (model.encoding() != Encoding.ROPE || layers == null || layers.globalEvery() == null || layers.globalEvery() < 2) return List.of();
        int dims = model.rotaryDims();
        double globalBase = model.ropeBase();
        double localBase = layers.localRopeBase() == null ? globalBase : layers.localRopeBase();
        int window = layers.localWindow() != null ? layers.localWindow()
                : model.slidingWindow() != null ? model.slidingWindow() : model.trainedContext();
        if (window < 2) return List.of();
        double share = LocalLayerRotation.localShare(layers.globalEvery());
        double[] trainedLocal = InverseFrequencies.unscaled(dims, localBase);
        List<LocalLayerProfile> out = new ArrayList<>();
        RopeMapping configured = build.retrofit().configured();
        if (configured != null && !(configured instanceof RopeMapping.Default) && layers.localScaled() != Tri.YES) {
            double factor = InverseFrequencies.factor(dims, configured);
            double[] served = LocalLayerRotation.withGlobalScaling(trainedLocal, InverseFrequencies.unscaled(dims, configured.base()),
                    InverseFrequencies.of(dims, configured, Math.max(1, target)));
            out.add(profile(build.id(), "global-scaling", share, localBase, localBase, factor, window,
                    LocalLayerRotation.compare(trainedLocal, served, window, settings), InverseFrequencies.attentionFactor(configured)));
        }
        if (Math.abs(localBase - globalBase) > settings.matchTolerance() * globalBase) {
            double[] served = InverseFrequencies.unscaled(dims, globalBase);
            out.add(profile(build.id(), "global-base", share, localBase, globalBase, 1.0, window,
                    LocalLayerRotation.compare(trainedLocal, served, window, settings), 1.0));
        }
        return List.copyOf(out);
    }

    /** The engine's layout against the weights', when the build gives both for a RoPE model. */
    static List<RotaryLayoutProfile> rotaryLayout(ModelSpec model, BuildSpec build, EvidenceSettings settings) {
        if (model.encoding() != Encoding.ROPE || model.rotaryLayout() == null || build.runtime().rotaryLayout() == null) return List.of();
        int dims = model.rotaryDims();
        var weights = model.rotaryLayout();
        var served = build.runtime().rotaryLayout();
        int misrouted = RotaryLayouts.misroutedDims(dims, weights, served);
        double fastest = InverseFrequencies.unscaled(dims, model.ropeBase())[0];
        return List.of(new RotaryLayoutProfile(build.id(), weights.wireName(), served.wireName(), dims, misrouted,
                RotaryLayouts.wrongFrequencyDims(dims, weights, served), fastest, settings.angleErrorTolerance(),
                misrouted == 0 ? 0 : RotaryLayouts.divergesFrom(fastest, settings.angleErrorTolerance())));
    }

    /**
     * The engine's rotated width against the model's, when the runtime reports it for a RoPE model
     * (a width the schema or intake refused, odd or past the head, gives none). Dimensions are paired
     * in the model's layout, else the engine's, else half-split (transformers' rotate_half, which
     * Phi, StableLM and GPT-NeoX use).
     */
    static List<RotaryWidthProfile> rotaryWidth(ModelSpec model, BuildSpec build, EvidenceSettings settings) {
        Integer served = build.runtime().rotaryDims();
        int trained = model.rotaryDims();
        if (model.encoding() != Encoding.ROPE || served == null || served < 2 || served % 2 != 0 || served > model.headDim()) return List.of();
        RotaryLayout layout = model.rotaryLayout() != null ? model.rotaryLayout()
                : build.runtime().rotaryLayout() != null ? build.runtime().rotaryLayout() : RotaryLayout.HALF_SPLIT;
        RotaryWidths.Comparison c = RotaryWidths.compare(model.headDim(), trained, served, model.ropeBase(), layout);
        return List.of(new RotaryWidthProfile(build.id(), model.headDim(), trained, served, layout.wireName(), c.wrongDims(), c.rotatedOnly(),
                c.fastestError(), settings.angleErrorTolerance(),
                c.wrongDims() == 0 ? 0 : RotaryLayouts.divergesFrom(c.fastestError(), settings.angleErrorTolerance())));
    }

    /**
     * The numbers of an interleaved RoPE / NoPE model ({@code nope_every} of 2 or more): the share
     * of each kind of layer, and for chunked RoPE layers the pairs a distance past the chunk takes
     * out of their trained angles, under the frequencies the build serves at its target.
     */
    static List<IropeLayerProfile> iropeLayers(ModelSpec model, BuildSpec build, int target, EvidenceSettings settings) {
        LayerScheme layers = model.layers();
        if (model.encoding() != Encoding.ROPE || layers == null || layers.nopeEvery() == null || layers.nopeEvery() < 2) return List.of();
        int k = layers.nopeEvery();
        int dims = model.rotaryDims();
        RopeMapping configured = build.retrofit().configured();
        double[] served = configured == null ? InverseFrequencies.unscaled(dims, model.ropeBase())
                : InverseFrequencies.of(dims, configured, Math.max(1, target));
        int chunk = layers.chunkedAttention() == null ? 0 : layers.chunkedAttention();
        int bound = 0;
        double fastest = 0;
        for (double w : served) {
            if (chunk > 0 && chunk * w < 2 * Math.PI) bound++;
            fastest = Math.max(fastest, w);
        }
        int unchunkedFrom = chunk > 0 && target > chunk ? chunk + 1 : -1;
        return List.of(new IropeLayerProfile(build.id(), k, 1.0 / k, LocalLayerRotation.localShare(k), chunk, target, served.length, bound,
                unchunkedFrom, fastest, RotaryLayouts.divergesFrom(fastest, settings.angleErrorTolerance())));
    }

    private static LocalLayerProfile profile(String build, String misapplication, double share, double localBase, double servedBase,
                                             double factor, int window, LocalLayerRotation.Counts c, double attentionFactor) {
        return new LocalLayerProfile(build, misapplication, share, localBase, servedBase, factor, window, c.localPairs(),
                c.compressedLocalPairs(), c.windowPairs(), c.compressedWindowPairs(), c.strongestCompression(), c.fastestNeighbourRatio(),
                attentionFactor);
    }
}
