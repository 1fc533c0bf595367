package io.posmortem.model.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys a rope_type reads (knowledge-base/config-keys.yaml); {@code always} are read for every
 * type; {@code known} is all of them.
 */
public record RopeTypeKeys(String type, List<String> required, List<String> optional, List<String> always, List<String> known) implements java.io.Serializable {

    public static RopeTypeKeys of(String type, List<String> required, List<String> optional, List<String> always) {
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        all.addAll(always);
        return new RopeTypeKeys(type, List.copyOf(required), List.copyOf(optional), List.copyOf(always), List.copyOf(all));
    }
}
