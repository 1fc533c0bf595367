package io.posmortem.cli;

import io.posmortem.evidence.bias.BucketTable;
import io.posmortem.model.positional.BucketSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem t5-buckets}: T5 relative-position buckets over a range, as JSON. */
@Command(name = "t5-buckets", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints the T5 bucket of every relative position (key - query) from --from to --to, as JSON.")
final class T5BucketsCommand extends EvidenceCommand {

    @Option(names = "--num-buckets", paramLabel = "N", defaultValue = "32", description = "relative_attention_num_buckets (default: ${DEFAULT-VALUE}).")
    int numBuckets;

    @Option(names = "--max-distance", paramLabel = "M", defaultValue = "128", description = "relative_attention_max_distance (default: ${DEFAULT-VALUE}).")
    int maxDistance;

    @Option(names = "--bidirectional", description = "Encoder (bidirectional) buckets; causal otherwise.")
    boolean bidirectional;

    @Option(names = "--from", paramLabel = "A", required = true, description = "First relative position (negative: keys before the query).")
    long from;

    @Option(names = "--to", paramLabel = "B", required = true, description = "Last relative position.")
    long to;

    @Override
    Object table() {
        return BucketTable.compute(new BucketSpec(numBuckets, maxDistance, bidirectional), from, to);
    }
}
