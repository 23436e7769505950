package dev.shopfleet.contract;

import java.util.Locale;

/**
 * How the operator runs a shop image and how the image expects to be run: one port, the health paths,
 * and every environment variable the operator sets. Both sides use these constants; nothing else
 * carries this knowledge.
 */
public final class ShopContract {
    /** Every service serves HTTP (API, health, metrics) on this port. */
    public static final int HTTP_PORT = 8080;

    public static final String LIVENESS_PATH = "/health/liveness";
    public static final String READINESS_PATH = "/health/readiness";
    /**
     * Every health indicator with its details; orders' {@link #DEAD_LETTERS_INDICATOR} among them, which counts what
     * it has set aside ({@link #DEAD_LETTERS_OUTBOX} events, {@link #DEAD_LETTERS_SAGA} orders) and which the operator
     * reports on the shop's status. It never makes a service unready.
     */
    public static final String HEALTH_PATH = "/health";
    public static final String DEAD_LETTERS_INDICATOR = "deadLetters";
    public static final String DEAD_LETTERS_OUTBOX = "outbox";
    public static final String DEAD_LETTERS_SAGA = "saga";
    public static final String METRICS_PATH = "/prometheus";

    /** Where users publishes the public keys (JWKS) that verify the tokens it signs. */
    public static final String USERS_KEYS_PATH = "/keys";

    /**
     * Where the service sends its traces (OpenTelemetry's OTLP over HTTP, e.g. http://collector.tracing:4318); unset,
     * it records none. Every call in and out carries W3C trace context either way, so a caller's trace goes on.
     */
    public static final String ENV_OTLP_ENDPOINT = "SHOP_OTLP_ENDPOINT";

    /** The header that carries a request's id through the shop, into every log line about it. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** The ShopPlatform's name, for logs, metrics and the storefront's title. */
    public static final String ENV_SHOP_NAME = "SHOP_NAME";
    /** The storefront's display name and theme, from the ShopPlatform. */
    public static final String ENV_SHOP_DISPLAY_NAME = "SHOP_DISPLAY_NAME";
    public static final String ENV_SHOP_THEME = "SHOP_THEME";

    /**
     * Emails that users registers with the admin role (comma-separated). Not set by the operator itself: a
     * shop sets it through {@code spec.services.users.env}.
     */
    public static final String ENV_ADMIN_EMAILS = "SHOP_ADMIN_EMAILS";

    /**
     * The shop's admin invitation, which the operator generates once into a Secret (key {@link #SECRET_INVITATION_TOKEN}
     * of {@link #adminInvitationSecret}): an account registered with an admin e-mail is an admin only if its registration
     * presented this token, so nobody becomes admin by registering first with an admin's address.
     */
    public static final String ENV_ADMIN_INVITATION = "SHOP_ADMIN_INVITATION";
    public static final String SECRET_INVITATION_TOKEN = "token";

    /**
     * Where notifications sends email (SMTP; port defaults to 25) and the sender address. Not set by the
     * operator itself: a shop sets them through {@code spec.services.notifications.env}.
     */
    public static final String ENV_SMTP_HOST = "SHOP_SMTP_HOST";
    public static final String ENV_SMTP_PORT = "SHOP_SMTP_PORT";
    public static final String ENV_SMTP_FROM = "SHOP_SMTP_FROM";

    /** The header that makes a checkout safe to retry: the same key returns the same order, charged once. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    /** The header naming a visitor's anonymous cart (before they log in), from cart's callers. */
    public static final String ANONYMOUS_CART_HEADER = "X-Cart-Id";

    /** The service's own database: where it is, a JDBC URL made of that, and the credentials. */
    public static final String ENV_DB_HOST = "SHOP_DB_HOST";
    public static final String ENV_DB_PORT = "SHOP_DB_PORT";
    public static final String ENV_DB_NAME = "SHOP_DB_NAME";
    public static final String ENV_DB_URL = "SHOP_DB_URL";
    public static final String ENV_DB_USERNAME = "SHOP_DB_USERNAME";
    public static final String ENV_DB_PASSWORD = "SHOP_DB_PASSWORD";

    /**
     * Keys of a database credentials Secret: the one the operator generates for a managed database,
     * and the one a shop names for an external database.
     */
    public static final String SECRET_HOST = "host";
    public static final String SECRET_PORT = "port";
    public static final String SECRET_DATABASE = "database";
    public static final String SECRET_USERNAME = "username";
    public static final String SECRET_PASSWORD = "password";
    /**
     * The database's superuser, in the generated Secret of a managed database only: the database's pod sets itself up
     * with it; the service connects as username/password, a role that owns its database and is no superuser.
     */
    public static final String SECRET_ADMIN_USERNAME = "admin-username";
    public static final String SECRET_ADMIN_PASSWORD = "admin-password";

    /**
     * Workload identity: every call from one service to another carries the caller's Kubernetes ServiceAccount token,
     * issued for the callee alone (its audience), in this header; the callee checks it against the call graph.
     * Shoppers' own tokens keep travelling in Authorization.
     */
    public static final String WORKLOAD_TOKEN_HEADER = "X-Workload-Token";
    /** The pod's namespace (from the downward API): a token from another namespace is another shop's. */
    public static final String ENV_NAMESPACE = "SHOP_NAMESPACE";
    /** Who signs workload tokens (the cluster's service-account issuer), and the file with its public keys (JWKS). */
    public static final String ENV_WORKLOAD_ISSUER = "SHOP_WORKLOAD_ISSUER";
    public static final String ENV_WORKLOAD_KEYS = "SHOP_WORKLOAD_KEYS";
    /** The folder with one token file per callee (named by its id), kept fresh by the kubelet. */
    public static final String ENV_WORKLOAD_TOKENS = "SHOP_WORKLOAD_TOKENS";
    public static final String WORKLOAD_KEYS_DIR = "/var/run/secrets/shopfleet.dev/workload-keys";
    public static final String WORKLOAD_KEYS_FILE = "jwks.json";
    public static final String WORKLOAD_TOKENS_DIR = "/var/run/secrets/shopfleet.dev/workload-tokens";

    private ShopContract() {
    }

    /** The audience of tokens for {@code callee} of one shop: a token for one service of one shop is good nowhere else. */
    /**
     * Who signs a shop's shopper tokens (users) and whom they are for (the shop's services), so a token of
     * another shop, or any other JWT the same key might have signed, is refused.
     */
    public static String shopperTokenIssuer(String namespace, String shop) {
        return "shopfleet.dev/" + namespace + "/" + shop + "/" + ShopService.USERS.id();
    }

    public static String shopperTokenAudience(String namespace, String shop) {
        return "shopfleet.dev/" + namespace + "/" + shop + "/shoppers";
    }

    public static String workloadAudience(String namespace, String shop, ShopService callee) {
        return "shopfleet.dev/" + namespace + "/" + shop + "/" + callee.id();
    }

    public static String adminInvitationSecret(String shop) {
        return shop + "-admin-invitation";
    }

    /** A service's ServiceAccount (and Deployment, Service, ConfigMap) name in a shop. */
    public static String objectName(String shop, ShopService service) {
        return shop + "-" + service.id();
    }

    /** The subject of a ServiceAccount token: who is calling. */
    public static String workloadSubject(String namespace, String shop, ShopService service) {
        return "system:serviceaccount:" + namespace + ":" + objectName(shop, service);
    }

    /** The variable holding a callee's base URL, e.g. SHOP_CATALOG_URL=http://demo-catalog:8080. */
    public static String urlVariable(ShopService callee) {
        return "SHOP_" + callee.name().toUpperCase(Locale.ROOT) + "_URL";
    }
}
