package dev.shopfleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The API server's own record of writes (the local cluster logs every create, update, patch and delete):
 * how the tests count what a controller wrote.
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
     * Writes by {@code user} in {@code namespace} since {@code since}, as "verb resource namespace/name"
     * (Lease renewals are in another namespace).
     */
    public static List<String> writesBy(String user, String namespace, Instant since) {
        try (Stream<String> lines = Files.lines(path())) {
            return lines.map(AuditLog::parse)
                    .filter(e -> e != null && "ResponseComplete".equals(e.path("stage").asText()))
                    .filter(e -> user.equals(e.path("user").path("username").asText()))
                    .filter(e -> WRITES.contains(e.path("verb").asText()))
                    .filter(e -> namespace.equals(e.path("objectRef").path("namespace").asText()))
                    .filter(e -> !Instant.parse(e.path("requestReceivedTimestamp").asText()).isBefore(since))
                    .map(e -> e.path("verb").asText() + " " + e.path("objectRef").path("resource").asText()
                            + (e.path("objectRef").has("subresource") ? "/" + e.path("objectRef").path("subresource").asText() : "")
                            + " " + e.path("objectRef").path("namespace").asText() + "/" + e.path("objectRef").path("name").asText())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null; // a line being written as we read
        }
    }
}
