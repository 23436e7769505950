package dev.shopfleet.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopfleet.e2e.operator.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The local cluster's Prometheus (`cluster monitoring up`), through its HTTP API at its pod, as an SRE reads it. */
final class Prometheus {
    static final String POD = "prometheus-shopfleet-0";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String url;

    private Prometheus(String url) {
        this.url = url;
    }

    static Prometheus of(KubernetesClient client) {
        Pod pod = client.pods().inNamespace(ThirdPartyCrds.MONITORING_NAMESPACE).withName(POD).get();
        return new Prometheus("http://" + pod.getStatus().getPodIP() + ":9090");
    }

    /** An instant query's series: each one's labels and value. */
    List<Series> query(String promql) {
        List<Series> series = new ArrayList<>();
        for (JsonNode result : get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result")) {
            series.add(new Series(labels(result.path("metric")), Double.parseDouble(result.path("value").get(1).asText())));
        }
        return series;
    }

    /** The alerts pending or firing now. */
    List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode alert : get("/api/v1/alerts").path("alerts")) {
            alerts.add(new Alert(labels(alert.path("labels")), alert.path("state").asText(),
                    alert.path("annotations").path("description").asText()));
        }
        return alerts;
    }

    /** The alerting rules of one rule group as Prometheus loaded them: name to health ("ok" once evaluated cleanly). */
    Map<String, String> ruleHealth(String group) {
        Map<String, String> rules = new TreeMap<>();
        for (JsonNode g : get("/api/v1/rules?type=alert").path("groups")) {
            if (g.path("name").asText().equals(group)) {
                // one alert per service shares a name: the least healthy tells
                g.path("rules").forEach(r -> rules.merge(r.path("name").asText(), r.path("health").asText(),
                        (a, b) -> a.equals("ok") ? b : a));
            }
        }
        return rules;
    }

    /** The scrape targets of one namespace whose last scrape failed: pod to Prometheus' error and the scrape's duration. */
    Map<String, String> failedTargets(String namespace) {
        Map<String, String> failed = new TreeMap<>();
        for (JsonNode target : get("/api/v1/targets?state=active").path("activeTargets")) {
            JsonNode labels = target.path("labels");
            if (labels.path("namespace").asText().equals(namespace) && !target.path("health").asText().equals("up")) {
                failed.put(labels.path("pod").asText(), target.path("lastError").asText() + " after "
                        + target.path("lastScrapeDuration").asText() + " s");
            }
        }
        return failed;
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    record Series(Map<String, String> labels, double value) {
    }

    record Alert(Map<String, String> labels, String state, String description) {
        String name() {
            return labels.get("alertname");
        }
    }
}
