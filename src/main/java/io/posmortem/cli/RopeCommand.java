package io.posmortem.cli;

import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.evidence.rope.RopeTable;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.RopeConfigReader;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.input.RopeSetup;
import io.posmortem.model.positional.RopeMapping;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem rope}: RoPE frequencies and per-pair evidence for one configuration, as JSON. */
@Command(name = "rope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Prints RoPE inverse frequencies (float64 and transformers' float32), the attention factor and "
                + "per-pair evidence for a configuration, as JSON.",
                "Give --head-dim (and --base), or --config with a Hugging Face config.json; --scaling overrides its rope_scaling."})
final class RopeCommand extends EvidenceCommand {

    @Option(names = "--head-dim", paramLabel = "D", description = "Head dimension.")
    Integer headDim;

    @Option(names = "--base", paramLabel = "B", description = "rope_theta (default: the config's, else 10000).")
    Double base;

    @Option(names = "--rotary-fraction", paramLabel = "F", description = "partial_rotary_factor (default: the config's, else 1).")
    Double rotaryFraction;

    @Option(names = "--scaling", paramLabel = "JSON", description = "A rope_scaling block, e.g. '{\"rope_type\":\"yarn\",\"factor\":8}'.")
    String scaling;

    @Option(names = "--max-position-embeddings", paramLabel = "N",
            description = "max_position_embeddings; the trained window unless the scaling gives original_max_position_embeddings (default: the config's, else 2048).")
    Integer maxPositions;

    @Option(names = "--seq-len", paramLabel = "N",
            description = "Current sequence length (default: max(max_position_embeddings, factor x trained window)).")
    Integer seqLen;

    @Option(names = "--inference-base", paramLabel = "B",
            description = "The base the runtime actually uses, when it differs from the trained one (a base mismatch); replaces --scaling.")
    Double inferenceBase;

    @Option(names = "--config", paramLabel = "FILE", description = "A Hugging Face config.json to read the RoPE fields from.")
    Path config;

    @Override
    Object table() throws InvalidInputException, KnowledgeBaseException {
        if (maxPositions != null && maxPositions < 2) {
            throw new IllegalArgumentException("--max-position-embeddings must be >= 2, got " + maxPositions);
        }
        RopeConfigReader.Overrides overrides = new RopeConfigReader.Overrides(headDim, base, rotaryFraction, maxPositions);
        RopeSetup setup;
        if (config != null) {
            SourceText text = SourceText.read(config);
            setup = RopeConfigReader.read(LocatedDocument.parse(text, LocatedDocument.Syntax.JSON), overrides);
        } else {
            if (headDim == null) throw new IllegalArgumentException("--head-dim is required without --config");
            setup = RopeConfigReader.read(LocatedDocument.parse(SourceText.of("(command line)", "{}".getBytes(StandardCharsets.UTF_8)),
                    LocatedDocument.Syntax.JSON), overrides);
        }
        RopeMapping mapping = setup.mapping();
        int trained = setup.trainedContext();
        if (scaling != null) {
            LocatedDocument block = LocatedDocument.parse(SourceText.of("--scaling", scaling.getBytes(StandardCharsets.UTF_8)),
                    LocatedDocument.Syntax.JSON);
            mapping = RopeConfigReader.block(block, setup.base(), trained, setup.maxPositions());
            if (block.root().has("original_max_position_embeddings")) trained = block.root().get("original_max_position_embeddings").asInt();
        }
        if (inferenceBase != null) {
            if (scaling != null) throw new IllegalArgumentException("--inference-base and --scaling are exclusive");
            mapping = new RopeMapping.NewBase(setup.base(), inferenceBase);
        }
        if (setup.rotaryDims() < 2 || setup.rotaryDims() % 2 != 0) {
            throw new IllegalArgumentException("rotary dims = int(head dim " + setup.headDim() + " x rotary fraction "
                    + (double) setup.rotaryDims() / setup.headDim() + ") = " + setup.rotaryDims() + " must be even and >= 2");
        }
        double factor = InverseFrequencies.factor(setup.rotaryDims(), mapping);
        int length = seqLen != null ? seqLen
                : (int) Math.min(Integer.MAX_VALUE, Math.max(setup.maxPositions(), (long) Math.ceil(factor * trained)));
        return RopeTable.compute(setup.rotaryDims(), mapping, trained, length, knowledge().evidenceSettings());
    }
}
