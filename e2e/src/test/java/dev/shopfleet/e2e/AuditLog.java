package dev.shopfleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API server's own record of writes (the local cluster logs every create, update, patch and delete, and the
 * operator's reads): how the tests count what a controller wrote and asked.
 */
public final class AuditLog {
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {
    }

    public static Path path() {
        Path path = Path.of(System.getProperty("shopfleet.audit-log", "/var/lib/shopfleet/cluster/logs/audit.log"));
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("no audit log at " + path + ": write counts need the local cluster's "
                    + "(e2e/cluster/cluster up) or -Dshopfleet.audit-log pointing at your API server's");
        }
        return path;
    }

    /**
     * The log's lines, oldest first: the backups the API server rotated out (NAME-TIMESTAMP.log, next to it) and then
     * the current file. A long run (a fleet of 1000 shops) fills several.
     */
    private static Stream<String> lines() throws IOException {
        Path current = path();
        String name = current.getFileName().toString().replaceFirst("\\.log$", "");
        Pattern backup = Pattern.compile(Pattern.quote(name) + "-.*\\.log");
        List<Path> files;
        try (Stream<Path> siblings = Files.list(current.toAbsolutePath().getParent())) {
            files = siblings.filter(f -> backup.matcher(f.getFileName().toString()).matches()).sorted()
                    .collect(Collectors.toList());
        }
        files.add(current);
        return files.stream().flatMap(file -> {
            try {
                return Files.lines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Writes by {@code user} in {@code namespace} since {@code since}, as "verb resource namespace/name"
     * (Lease renewals are in another namespace).
     */
    public static List<String> writesBy(String user, String namespace, Instant since) {
        return writesBy(user, namespace::equals, since);
    }

    /** The same in every namespace that {@code namespaces} accepts. */
    public static List<String> writesBy(String user, Predicate<String> namespaces, Instant since) {
        try (Stream<String> lines = lines()) {
            return completed(lines, user, since)
                    .filter(e -> WRITES.contains(e.path("verb").asText()))
                    .filter(e -> namespaces.test(e.path("objectRef").path("namespace").asText()))
                    .map(e -> e.path("verb").asText() + " " + e.path("objectRef").path("resource").asText()
                            + (e.path("objectRef").has("subresource") ? "/" + e.path("objectRef").path("subresource").asText() : "")
                            + " " + e.path("objectRef").path("namespace").asText() + "/" + e.path("objectRef").path("name").asText())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every request of {@code user} since {@code since} by verb and resource ("list pods"): reads as well as writes
     * (the local cluster logs reads of the operator's ServiceAccounts too).
     */
    public static Map<String, Long> requestsBy(String user, Instant since) {
        try (Stream<String> lines = lines()) {
            return completed(lines, user, since).collect(Collectors.groupingBy(e -> e.path("verb").asText() + " "
                    + e.path("objectRef").path("resource").asText(), TreeMap::new, Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the last of {@code user}'s writes of a resource in the namespaces happened ({@code since} if none). */
    public static Instant lastWrite(String user, Predicate<String> namespaces, Predicate<String> resources, Instant since) {
        try (Stream<String> lines = lines()) {
            return completed(lines, user, since)
                    .filter(e -> WRITES.contains(e.path("verb").asText()))
                    .filter(e -> namespaces.test(e.path("objectRef").path("namespace").asText()))
                    .filter(e -> resources.test(e.path("objectRef").path("resource").asText()))
                    .map(e -> Instant.parse(e.path("requestReceivedTimestamp").asText())).max(Instant::compareTo).orElse(since);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<JsonNode> completed(Stream<String> lines, String user, Instant since) {
        return lines.map(AuditLog::parse)
                // a watch once, when it starts; every other request when it has been answered
                .filter(e -> e != null && e.path("stage").asText().equals("watch".equals(e.path("verb").asText())
                        ? "ResponseStarted" : "ResponseComplete"))
                .filter(e -> user.equals(e.path("user").path("username").asText()))
                .filter(e -> !Instant.parse(e.path("requestReceivedTimestamp").asText()).isBefore(since));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null; // a line being written as we read
        }
    }
}
