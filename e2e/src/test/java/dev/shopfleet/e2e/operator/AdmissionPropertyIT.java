package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.contract.ShopService;
import dev.shopfleet.e2e.TestCluster;
import dev.shopfleet.testkit.Poll;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random ShopPlatforms, every field drawn from values the schema allows and near misses of them (and text of any
 * kind), sent to the real API server with the real operator running: either the API server refuses the shop, or the
 * operator takes it to a terminal state for its generation, Ready or Degraded with a reason, and never to a failed
 * reconciliation (a child the API server refused). Services run no pods (replicas 0, external databases, an external
 * Kafka or none), so a try costs a reconciliation, not a rollout.
 */
class AdmissionPropertyIT {
    private static final String DATABASE_SECRET = "external-db";
    private static final String BROKER_SECRET = "external-kafka";
    private static final AtomicInteger SHOPS = new AtomicInteger();
    private static KubernetesClient client;
    private static String namespace;
    private static int accepted;
    private static int refused;
    private static final Map<String, Integer> REFUSALS = new TreeMap<>();

    @BeforeContainer
    static void setUp() {
        client = new KubernetesClientBuilder().editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig().build();
        SharedOperator.get();
        namespace = TestCluster.createNamespace(client, "admission-property");
        client.resource(new SecretBuilder().withNewMetadata().withName(DATABASE_SECRET).withNamespace(namespace).endMetadata()
                .addToStringData(Map.of("host", "db.invalid", "port", "5432", "database", "shop", "username", "shop",
                        "password", "not-used"))
                .build()).create();
        client.resource(Shops.externalKafkaSecret(namespace, BROKER_SECRET, "kafka.invalid:9093", "SASL_SSL", user -> "not-used"))
                .create();
    }

    @AfterContainer
    static void tearDown() {
        System.out.printf("random ShopPlatforms: %d accepted and reconciled, %d refused by the API server, for %s%n",
                accepted, refused, REFUSALS);
        TestCluster.tearDown(client, namespace);
        client.close();
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void isRefusedOrReconciledToATerminalState(@ForAll("shops") Map<String, Object> spec) {
        String name = "p" + SHOPS.incrementAndGet();
        GenericKubernetesResource shop = new GenericKubernetesResource();
        shop.setApiVersion(Shops.API_VERSION);
        shop.setKind(Shops.KIND);
        shop.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        shop.setAdditionalProperty("spec", spec);
        try {
            client.resource(shop).fieldValidation(FieldValidateable.Validation.STRICT).create();
        } catch (KubernetesClientException e) {
            assertThat(e.getCode()).as("refused as invalid, not failed: %s", e.getMessage()).isIn(400, 422);
            assertThat(Shops.shop(client, namespace, name).get()).as("nothing stored").isNull();
            refused++;
            REFUSALS.merge(cause(e.getStatus().getMessage()), 1, Integer::sum);
            return;
        }
        accepted++;
        try {
            Poll.until("shop " + name + " to reach a terminal state for its spec " + spec, Duration.ofSeconds(90),
                    () -> terminal(name), () -> Shops.describe(client, namespace, name));
            assertThat(Shops.condition(client, namespace, name, "Degraded").map(c -> c.get("reason")))
                    .as("a child the API server refused: %s", Shops.describe(client, namespace, name))
                    .isNotEqualTo(Optional.of("ReconcileError"));
        } finally {
            Shops.shop(client, namespace, name).delete();
        }
    }

    /** The first field the API server named, without indexes, or its first rule's message. */
    private static String cause(String message) {
        Matcher field = Pattern.compile("(spec\\.[A-Za-z.\\[\\]0-9]+)").matcher(message);
        if (field.find()) {
            return field.group(1).replaceAll("\\[[0-9]+]", "");
        }
        String afterName = message.replaceFirst("^.*? is invalid: ", "");
        return afterName.substring(0, Math.min(afterName.length(), 40));
    }

    private boolean terminal(String name) {
        if (Shops.observedGeneration(client, namespace, name) != Shops.generation(client, namespace, name)) {
            return false;
        }
        Optional<String> degradedReason = Shops.condition(client, namespace, name, "Degraded")
                .filter(c -> "True".equals(c.get("status"))).map(c -> String.valueOf(c.get("reason")));
        if (degradedReason.filter("ReconcileError"::equals).isPresent()) {
            return true; // terminal, and the assertion above says what went wrong
        }
        return Shops.hasCondition(client, namespace, name, "Ready", "True", null) || degradedReason.isPresent()
                || Shops.hasCondition(client, namespace, name, "MeshPolicyApplied", "False", null);
    }

    @Provide
    Arbitrary<Map<String, Object>> shops() {
        Arbitrary<Map<String, Object>> services = Combinators.combine(
                Arbitraries.of(ShopService.values()).list().ofMaxSize(2).injectNull(0.7), service().list()
                        .ofSize(ShopService.values().length))
                .as((disabled, specs) -> {
                    Map<String, Object> all = new LinkedHashMap<>();
                    for (int i = 0; i < specs.size(); i++) {
                        ShopService service = ShopService.values()[i];
                        Map<String, Object> spec = new LinkedHashMap<>(specs.get(i));
                        spec.put("enabled", disabled == null || !disabled.contains(service));
                        if (service.ownsDatabase()) {
                            spec.put("database", Map.of("mode", "external", "secretName", DATABASE_SECRET));
                        }
                        all.put(service.id(), spec);
                    }
                    return all;
                });
        return Combinators.combine(mostly(text(80), text(200)).injectNull(0.5), mostly(Arbitraries.of("default", "ocean", "dark"), text(40))
                        .injectNull(0.5), images(), route().injectNull(0.4), mesh(), services,
                        mostly(Arbitraries.of("Retain", "Delete"), Arbitraries.just("Orphan")),
                        Combinators.combine(placementAndObservability(), messaging()).as((extras, messaging) -> {
                            Map<String, Object> all = new LinkedHashMap<>(extras);
                            all.put("messaging", messaging);
                            return all;
                        }))
                .as((displayName, theme, images, route, mesh, servicesSpec, deletion, extras) -> {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    putIfPresent(spec, "displayName", displayName);
                    putIfPresent(spec, "theme", theme);
                    spec.put("images", images);
                    putIfPresent(spec, "route", route);
                    spec.put("mesh", mesh);
                    spec.put("services", servicesSpec);
                    spec.put("deletionPolicy", deletion);
                    spec.putAll(extras);
                    return spec;
                });
    }

    /**
     * An external Kafka (its Secret valid, or missing: Degraded where events flow) or none, and near misses of the API;
     * never the shop's own broker, whose pod and volume would make a try a rollout.
     */
    private static Arbitrary<Map<String, Object>> messaging() {
        return Arbitraries.frequencyOf(
                Tuple.of(50, Arbitraries.just(Map.<String, Object>of("mode", "external", "secretName", BROKER_SECRET))),
                Tuple.of(20, Arbitraries.just(Map.<String, Object>of("mode", "none"))),
                Tuple.of(15, Arbitraries.just(Map.<String, Object>of("mode", "external", "secretName", "no-such-kafka"))),
                Tuple.of(15, Arbitraries.of(Map.<String, Object>of("mode", "external"),
                        Map.<String, Object>of("mode", "managed", "secretName", BROKER_SECRET),
                        Map.<String, Object>of("mode", "strimzi"),
                        Map.<String, Object>of("mode", "none", "partitions", 0),
                        Map.<String, Object>of("mode", "none", "retentionHours", 9000),
                        Map.<String, Object>of("mode", "external", "secretName", "Not_A_Name"))));
    }

    private static Arbitrary<Map<String, Object>> service() {
        return Combinators.combine(image().injectNull(0.7), mostly(env().list().ofMaxSize(2).uniqueElements(e -> e.get("name")), env().list().ofSize(2)), resources().injectNull(0.6))
                .as((image, env, resources) -> {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("replicas", 0);
                    putIfPresent(spec, "image", image);
                    spec.put("env", env);
                    putIfPresent(spec, "resources", resources);
                    return spec;
                });
    }

    private static Arbitrary<Map<String, Object>> images() {
        Arbitrary<String> registry = mostly(Arbitraries.of("registry.example.com:5000/shop", "localhost/a_b/c-d", "r.io"),
                text(300));
        Arbitrary<String> tag = mostly(Arbitraries.of("v1", "1.2.3-rc_1", "latest"), text(140));
        Arbitrary<List<String>> pullSecrets = mostly(name(), text(20)).list().ofMaxSize(3);
        return Combinators.combine(registry.injectNull(0.3), tag.injectNull(0.3), pullSecrets).as((r, t, p) -> {
            Map<String, Object> images = new LinkedHashMap<>();
            putIfPresent(images, "registry", r);
            putIfPresent(images, "tag", t);
            images.put("pullSecrets", p);
            return images;
        });
    }

    private static Arbitrary<Map<String, Object>> route() {
        Arbitrary<String> host = mostly(dnsName(), oneOf(Arbitraries.of("10.0.0.1", "a..b", "-a.test", "A.test",
                "a".repeat(64) + ".test", "x.y:80"), text(260)));
        return Combinators.combine(host, mostly(name(), text(20)).injectNull(0.7), mostly(oneOf(Arbitraries.of("traefik"),
                        name()), text(20)).injectNull(0.6))
                .as((h, tls, ingressClass) -> {
                    Map<String, Object> route = new LinkedHashMap<>();
                    route.put("host", h);
                    putIfPresent(route, "tlsSecretName", tls);
                    putIfPresent(route, "ingressClassName", ingressClass);
                    return route;
                });
    }

    private static Arbitrary<Map<String, Object>> mesh() {
        return Combinators.combine(mostly(Arbitraries.of("auto", "networkpolicy", "none", "istio"), Arbitraries.just("linkerd")),
                        mostly(name(), text(70)).injectNull(0.7))
                .as((mode, ingressNamespace) -> {
                    Map<String, Object> mesh = new LinkedHashMap<>();
                    mesh.put("mode", mode);
                    putIfPresent(mesh, "ingressNamespace", ingressNamespace);
                    return mesh;
                });
    }

    /** spec.scheduling, spec.monitoring and spec.tracing, each present or not. */
    private static Arbitrary<Map<String, Object>> placementAndObservability() {
        return Combinators.combine(scheduling().injectNull(0.5), monitoring().injectNull(0.5), tracing().injectNull(0.6))
                .as((scheduling, monitoring, tracing) -> {
                    Map<String, Object> extras = new LinkedHashMap<>();
                    putIfPresent(extras, "scheduling", scheduling);
                    putIfPresent(extras, "monitoring", monitoring);
                    putIfPresent(extras, "tracing", tracing);
                    return extras;
                });
    }

    private static Arbitrary<Map<String, Object>> monitoring() {
        Arbitrary<String> duration = mostly(Combinators.combine(Arbitraries.integers().between(1, 999), Arbitraries.of("ms", "s", "m", "h", "d"))
                        .as((n, unit) -> n + unit),
                oneOf(Arbitraries.of("5", "1m5", "s5", "5 m", "-5m", "1.5m", "5s1m", ""), text(20)));
        return Combinators.combine(duration.injectNull(0.5), mostly(Arbitraries.integers().between(1, 100),
                        Arbitraries.of(0, 101, -1)).injectNull(0.5), duration.injectNull(0.5), duration.injectNull(0.5))
                .as((after, percent, p99, stuck) -> {
                    Map<String, Object> monitoring = new LinkedHashMap<>();
                    putIfPresent(monitoring, "alertAfter", after);
                    putIfPresent(monitoring, "checkoutErrorPercent", percent);
                    putIfPresent(monitoring, "checkoutLatencyP99", p99);
                    putIfPresent(monitoring, "orderStuckAfter", stuck);
                    return monitoring;
                });
    }

    /** A collector's URL, its port at the edges of what a NetworkPolicy takes among them, and its namespace. */
    private static Arbitrary<Map<String, Object>> tracing() {
        Arbitrary<String> port = mostly(oneOf(Arbitraries.just(""), Arbitraries.of(1, 4318, 65535).map(p -> ":" + p)),
                Arbitraries.of(0, 65536, 99999).map(p -> ":" + p));
        Arbitrary<String> endpoint = mostly(Combinators.combine(Arbitraries.of("http://", "https://"), dnsName(), port)
                        .as((scheme, host, p) -> scheme + host + p),
                oneOf(Arbitraries.of("ftp://a.b", "http://", "http://a b", "http://A.test", "http://a.test/v1/traces"), text(40)));
        return Combinators.combine(endpoint.injectNull(0.05), mostly(name(), text(70)).injectNull(0.05))
                .as((e, namespace) -> {
                    Map<String, Object> tracing = new LinkedHashMap<>();
                    putIfPresent(tracing, "endpoint", e);
                    putIfPresent(tracing, "namespace", namespace);
                    return tracing;
                });
    }

    private static Arbitrary<Map<String, Object>> scheduling() {
        Arbitrary<String> key = mostly(oneOf(qualifiedName(), Arbitraries.of("kubernetes.io/hostname", "node-role.kubernetes.io/shops")),
                oneOf(Arbitraries.of("a/b/c", "/pool", "Example.com/pool", "pool-", "a".repeat(64), "a".repeat(254) + "/p"), text(30)));
        Arbitrary<String> value = mostly(labelValue(), oneOf(Arbitraries.of("-a", "a b", "a".repeat(64)), text(20)));
        Arbitrary<Map<String, Object>> toleration = Combinators.combine(key.injectNull(0.2),
                        mostly(Arbitraries.of("Equal", "Exists"), Arbitraries.of("In", "")), value.injectNull(0.3),
                        mostly(Arbitraries.of("NoSchedule", "PreferNoSchedule", "NoExecute"), Arbitraries.of("Evict", "")).injectNull(0.3),
                        Arbitraries.longs().between(-5, 3600).injectNull(0.8), mostly(Arbitraries.just(false), Arbitraries.just(true)))
                .as((k, operator, v, effect, seconds, nearMiss) -> {
                    // the fields' combinations as Kubernetes takes them, but for a near miss
                    boolean exists = "Exists".equals(operator) || k == null && !nearMiss;
                    Map<String, Object> t = new LinkedHashMap<>();
                    putIfPresent(t, "key", k);
                    t.put("operator", exists && !nearMiss ? "Exists" : operator);
                    putIfPresent(t, "value", exists && !nearMiss ? null : v);
                    putIfPresent(t, "effect", seconds != null && !nearMiss ? "NoExecute" : effect);
                    putIfPresent(t, "tolerationSeconds", seconds);
                    return t;
                });
        return Combinators.combine(Arbitraries.maps(key, value).ofMaxSize(3), toleration.list().ofMaxSize(3))
                .as((nodeSelector, tolerations) -> Map.of("nodeSelector", nodeSelector, "tolerations", tolerations));
    }

    /** Label keys: an optional DNS prefix, then a name of letters, digits and [-_.] between alphanumerics. */
    private static Arbitrary<String> qualifiedName() {
        Arbitrary<String> name = Combinators.combine(Arbitraries.strings().alpha().numeric().ofLength(1),
                        Arbitraries.strings().alpha().numeric().withChars("-_.").ofMaxLength(20), Arbitraries.strings().alpha().numeric().ofLength(1))
                .as((first, middle, last) -> first + middle + last);
        return Combinators.combine(dnsName().injectNull(0.6), name).as((prefix, n) -> prefix == null ? n : prefix + "/" + n);
    }

    private static Arbitrary<String> labelValue() {
        return Arbitraries.oneOf(Arbitraries.just(""), qualifiedName().filter(n -> !n.contains("/")));
    }

    private static Arbitrary<String> image() {
        return mostly(Arbitraries.of("registry.example.com:5000/shop/cart:1@sha256:" + "ab".repeat(32), "cart", "a/b/c:d",
                "Registry.Example:5000/cart"), oneOf(Arbitraries.of("Registry.Example/Cart", "cart:", "cart@sha256:xyz",
                "two words"), text(600)));
    }

    private static Arbitrary<Map<String, Object>> env() {
        Arbitrary<String> envName = mostly(oneOf(Arbitraries.of("SHOP_ADMIN_EMAILS", "a.b-c", "with space"),
                        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ_").ofMinLength(1).ofMaxLength(12)),
                oneOf(Arbitraries.of("SHOP_DB_URL", "A=B", ""), text(30)));
        Arbitrary<Map<String, Object>> valueFrom = mostly(oneOf(
                Combinators.combine(mostly(name(), text(10)), mostly(Arbitraries.of("key", "a.b_c-d"), text(10)))
                        .as((n, k) -> Map.of("secretKeyRef", Map.of("name", n, "key", k))),
                Combinators.combine(mostly(name(), text(10)), mostly(Arbitraries.of("key"), text(10)))
                        .as((n, k) -> Map.of("configMapKeyRef", Map.of("name", n, "key", k))),
                mostly(Arbitraries.of("metadata.name", "metadata.namespace", "status.podIP", "spec.nodeName"),
                        Arbitraries.of("metadata.labels", "nonsense")).map(path -> Map.of("fieldRef", Map.of("fieldPath", path)))),
                Arbitraries.of(Map.of("resourceFieldRef", Map.of("resource", "limits.cpu")),
                        Map.of("secretKeyRef", Map.of("name", "s", "key", "k"), "fieldRef", Map.of("fieldPath", "metadata.name"))));
        Arbitrary<Boolean> both = mostly(Arbitraries.just(false), Arbitraries.just(true));
        return Combinators.combine(envName, text(50), valueFrom, Arbitraries.integers().between(0, 2), both)
                .as((n, value, from, kind, valueAndFrom) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", n);
                    if (kind > 0 || valueAndFrom) {
                        entry.put("value", value);
                    }
                    if (kind == 0 || valueAndFrom) {
                        entry.put("valueFrom", from);
                    }
                    return entry;
                });
    }

    private static Arbitrary<Map<String, Object>> resources() {
        Arbitrary<String> resource = mostly(Arbitraries.of("cpu", "memory", "ephemeral-storage"),
                Arbitraries.of("gpu", "hugepages-2Mi"));
        Arbitrary<Object> quantity = mostly(Arbitraries.of("100m", "1", "0.5", "256Mi", "1Gi", "2G", "1e3"),
                Arbitraries.oneOf(Arbitraries.of("-1", "lots", "1.5.5", ""), Arbitraries.integers().between(-2, 4).map(i -> i)));
        Arbitrary<Map<String, Object>> quantities = Arbitraries.maps(resource, quantity).ofMaxSize(3);
        Arbitrary<Map<String, Object>> limits = mostly(quantities.injectNull(0.8), quantities);
        return Combinators.combine(quantities.injectNull(0.3), limits).as((requests, limit) -> {
            Map<String, Object> resources = new LinkedHashMap<>();
            putIfPresent(resources, "requests", requests);
            putIfPresent(resources, "limits", limit);
            return resources;
        });
    }

    /** DNS names a Kubernetes object may have: lower-case labels of up to 63 characters. */
    private static Arbitrary<String> name() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(20);
    }

    private static Arbitrary<String> dnsName() {
        return name().list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
    }

    /** Any text: every Unicode character, markup and placeholders among them. */
    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(maxLength),
                Arbitraries.strings().withChars("${}#()<>&'\"\\ .:/@=-_aZ09").ofMaxLength(maxLength));
    }

    /**
     * Mostly what the schema allows, sometimes what it should not: a shop has about a hundred fields, so one in a hundred
     * per field leaves about half the shops valid, and each of the others probes one or two fields' limits.
     */
    private static <T> Arbitrary<T> mostly(Arbitrary<? extends T> valid, Arbitrary<? extends T> invalid) {
        return Arbitraries.frequencyOf(Tuple.of(99, valid), Tuple.of(1, invalid));
    }

    @SafeVarargs
    private static <T> Arbitrary<T> oneOf(Arbitrary<? extends T>... choices) {
        return Arbitraries.oneOf(List.of(choices));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
