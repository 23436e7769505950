package dev.shopfleet.testkit;

import dev.shopfleet.contract.ShopContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (the machine's Debian package) in a throwaway directory, one per test JVM, with
 * a fresh database per test class. Fails loudly when PostgreSQL is not installed: nothing here is mocked.
 */
public final class PostgresServer {
    private static final String SUPERUSER_PASSWORD = "shopfleet-test";
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static PostgresServer start() {
        try {
            Path bin = binaries();
            Path dir = Files.createTempDirectory("shopfleet-pg-");
            Path data = dir.resolve("data");
            Path pwfile = dir.resolve("pw");
            Files.writeString(pwfile, SUPERUSER_PASSWORD + "\n");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) { // initdb and postgres refuse to run as root: run them as Debian's postgres user
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            run(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync"));
            int port = freePort();
            // fsync off: a test database need not survive a power cut, and it makes the suite faster.
            run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -h 127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"));
            return new PostgresServer(bin, dir, port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL for the tests", e);
        }
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
                if (bin.isPresent()) {
                    return bin.get();
                }
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                + "run e2e/cluster/install-prerequisites, which installs Debian's postgresql package");
    }

    private static List<String> asPostgres(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Creates a new, empty database with an owner of its own (as the operator does for each service). */
    public synchronized Database createDatabase(String name) {
        String user = name + "_owner";
        // Placeholder syntax in every test password: it must reach the pool as typed (DatabasePassword).
        String password = "pw-${shop.name}-$(SHOP_NAME)-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", SUPERUSER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + user);
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + name + " OWNER " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new Database(url(name), user, password);
    }

    /**
     * Takes one database away from its service as a stopped server would (its connections cut, new ones refused), or
     * gives it back; the other databases go on serving.
     */
    public synchronized void setAvailable(Database database, boolean available) {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", SUPERUSER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS " + available);
            if (!available) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name() + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not make database " + database.name() + (available ? " available" : " unavailable"), e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void stop() {
        try {
            run(asPostgres("root".equals(System.getProperty("user.name")), bin.resolve("pg_ctl").toString(),
                    "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
        }
    }

    /** A database and its owner's credentials, as the environment variables the operator would set. */
    public record Database(String url, String username, String password) {
        public Map<String, String> env() {
            return Map.of(ShopContract.ENV_DB_URL, url, ShopContract.ENV_DB_USERNAME, username,
                    ShopContract.ENV_DB_PASSWORD, password);
        }

        public String name() {
            return url.substring(url.lastIndexOf('/') + 1);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        /** The first column of every row, as text (null stays null): what a test checks in a service's tables. */
        public List<String> column(String sql, Object... params) {
            try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                List<String> values = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
                return values;
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        /** The single value a query returns (a count, a status), or null when it returns no row. */
        public String value(String sql, Object... params) {
            List<String> values = column(sql, params);
            return values.isEmpty() ? null : values.get(0);
        }
    }
}
