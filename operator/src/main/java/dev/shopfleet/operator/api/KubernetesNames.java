package dev.shopfleet.operator.api;

/**
 * The rules Kubernetes applies to the children a ShopPlatform's fields end up in, in one place: every field the
 * operator copies into a child object is checked at admission with these, so a ShopPlatform the API server admits
 * never yields a child it refuses. Annotations need constants, hence strings rather than methods.
 */
final class KubernetesNames {
    /** RFC 1123 label (namespaces, label values, ports' names): at most 63 characters. */
    static final String LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** RFC 1123 subdomain (most object names, host names): labels of at most 63 joined by dots, 253 in all. */
    static final String SUBDOMAIN = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$";
    static final int SUBDOMAIN_MAX = 253;

    /** A label's or taint's key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters. */
    static final int QUALIFIED_NAME_MAX = SUBDOMAIN_MAX + 1 + 63;
    static final String QUALIFIED_NAME = "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
    /** The part before '/' is a subdomain, so at most 253 characters (a CEL rule on self: a pattern cannot count it). */
    static final String QUALIFIED_NAME_PREFIX_RULE = "self.indexOf('/') <= " + SUBDOMAIN_MAX;
    /** Both rules for a key {@code k} of a map, which a pattern cannot reach (CEL, a raw string for the pattern). */
    static final String QUALIFIED_NAME_KEY_RULE = "k.size() <= " + QUALIFIED_NAME_MAX + " && k.indexOf('/') <= "
            + SUBDOMAIN_MAX + " && k.matches(r'" + QUALIFIED_NAME + "')";

    /** A label's (or a taint's) value: empty, or up to 63 letters, digits, '-', '_' and '.' that start and end alnum. */
    static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$";

    /** The ShopPlatform's own name: it prefixes every child, and Services need a letter first (RFC 1035). */
    static final String SHOP_NAME = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    static final int SHOP_NAME_MAX = 30;

    /**
     * An image reference as the container runtime parses it (distribution's reference grammar): an optional
     * registry host[:port], lower-case path components, then a tag and/or a sha256 digest.
     */
    static final String IMAGE = "^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
            + "(:[0-9]{1,5})?/)?"
            + "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$";
    static final int IMAGE_MAX = 512;

    /** A registry host[:port] with an optional path: the part of an image reference before "/<service>". */
    static final String REGISTRY = "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
            + "(:[0-9]{1,5})?(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*$";

    /** An image tag. */
    static final String TAG = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

    /** An environment variable's name as Kubernetes 1.34 takes it: printable ASCII except '='. */
    static final String ENV_NAME = "^[ -<>-~]+$";
    static final int ENV_NAME_MAX = 256;
    static final int ENV_VALUE_MAX = 32_768;

    /** The pod fields the kubelet puts into an environment variable (without labels' and annotations' keys). */
    static final String POD_FIELD = "^(metadata\\.name|metadata\\.namespace|metadata\\.uid|spec\\.nodeName|"
            + "spec\\.serviceAccountName|status\\.hostIP|status\\.hostIPs|status\\.podIP|status\\.podIPs)$";

    /**
     * Text a shop writes into a child (a display name, an env value): any character YAML can carry, so no control
     * character but tab and line breaks. The API server reads server-side apply patches as YAML and refuses the others.
     * (Go's regular expressions, as the API server evaluates patterns.)
     */
    static final String TEXT = "^[\\t\\n\\r\\x{20}-\\x{7E}\\x{85}\\x{A0}-\\x{D7FF}\\x{E000}-\\x{FFFD}"
            + "\\x{10000}-\\x{10FFFF}]*$";

    /** A ConfigMap's or Secret's key. */
    static final String KEY = "^[-._a-zA-Z0-9]+$";

    private KubernetesNames() {
    }
}
