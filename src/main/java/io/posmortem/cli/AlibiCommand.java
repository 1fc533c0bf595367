package io.posmortem.cli;

import io.posmortem.evidence.bias.AlibiTable;
import io.posmortem.knowledge.KnowledgeBaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem alibi}: ALiBi slopes and distance penalties for a head count, as JSON. */
@Command(name = "alibi", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints ALiBi slopes (head order), per-head bias and reach, and the early-span attention share as the context grows, as JSON.")
final class AlibiCommand extends EvidenceCommand {

    @Option(names = "--heads", paramLabel = "H", required = true, description = "Number of attention heads.")
    int heads;

    @Option(names = "--distance", paramLabel = "D", defaultValue = "20000", description = "Distance back for the per-head bias (default: ${DEFAULT-VALUE}).")
    long distance;

    @Option(names = "--nats", paramLabel = "N", description = "Penalty whose reach is given per head (default: the knowledge base's evidence.alibi-unreachable-nats).")
    Double nats;

    @Option(names = "--span", paramLabel = "K", defaultValue = "1024", description = "Span length for the early-span share (default: ${DEFAULT-VALUE}).")
    int span;

    @Option(names = "--context", paramLabel = "N", defaultValue = "32768", description = "Longest context of the early-span series (default: ${DEFAULT-VALUE}).")
    long context;

    @Override
    Object table() throws KnowledgeBaseException {
        double n = nats != null ? nats : knowledge().evidenceSettings().unreachableNats();
        return AlibiTable.compute(heads, distance, n, span, context);
    }
}
