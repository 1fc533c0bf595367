package io.posmortem.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * posmortem's cache directory, shared by the compiled rules ({@code *.kpkg}) and the knowledge-base
 * snapshots ({@code *.kb}): {@code -Dposmortem.cache=DIR}, else {@code $POSMORTEM_CACHE}, else
 * {@code $XDG_CACHE_HOME/posmortem}, else {@code ~/.cache/posmortem}; {@code off} (property or
 * variable) disables it. Every entry can be deleted at any time: it is only ever a shortcut.
 */
public final class UserCache {
    private UserCache() {}

    /** The cache directory, or null when the cache is off or there is no home directory. */
    public static Path directory() {
        String configured = System.getProperty("posmortem.cache", System.getenv("POSMORTEM_CACHE"));
        if ("off".equals(configured)) return null;
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "posmortem");
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".cache", "posmortem");
    }

    /** Marks an entry as used now, for {@link #prune}; an entry on a read-only disk is left as it is. */
    public static void markUsed(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // Such entries are only pruned in file-time order.
        }
    }

    /**
     * Removes all but the {@code kept} entries of {@code dir} whose names end with {@code suffix},
     * keeping those used last (modification time, which {@link #markUsed} sets; ties by name); a
     * file that vanishes meanwhile is skipped, and other files are left alone.
     */
    public static void prune(Path dir, String suffix, int kept) throws IOException {
        List<Path> entries;
        try (var files = Files.list(dir)) {
            entries = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList());
        }
        if (entries.size() <= kept) return;
        Map<Path, Long> used = new HashMap<>();
        for (Path p : entries) {
            try {
                used.put(p, Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                used.put(p, Long.MIN_VALUE);
            }
        }
        entries.sort(Comparator.comparing((Path p) -> used.get(p)).reversed().thenComparing(Comparator.naturalOrder()));
        for (Path p : entries.subList(kept, entries.size())) Files.deleteIfExists(p);
    }
}
