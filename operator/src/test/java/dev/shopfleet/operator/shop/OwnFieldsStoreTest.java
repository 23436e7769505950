package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnFieldsStoreTest {
    @Test
    void keepsTheOperatorsOwnManagedFieldsAndNoOneElses() {
        ManagedFieldsEntry own = new ManagedFieldsEntryBuilder().withManager(Shop.MANAGED_BY).withOperation("Apply").build();
        ConfigMap cached = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("n")
                .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").withOperation("Update")
                        .build(), own, new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .endMetadata().addToData("k", "v").build();
        OwnFieldsStore<ConfigMap> store = new OwnFieldsStore<>();

        store.put(store.getKey(cached), cached);

        ConfigMap kept = store.get("n/c");
        assertThat(kept.getMetadata().getManagedFields()).containsExactly(own);
        assertThat(kept.getData()).containsEntry("k", "v");
        assertThat(store.size()).isOne();
        assertThat(store.remove("n/c")).isSameAs(kept);
        assertThat(store.keySet()).isEmpty();
    }

    @Test
    void equalOwnedFieldsAreOneInstanceAcrossObjects() {
        OwnFieldsStore<ConfigMap> store = new OwnFieldsStore<>();
        for (String name : new String[] {"a", "b"}) {
            FieldsV1 fields = new FieldsV1();
            fields.setAdditionalProperty("f:data", Map.of("f:k", Map.of()));
            store.put("n/" + name, new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("n")
                    .addToManagedFields(new ManagedFieldsEntryBuilder().withManager(Shop.MANAGED_BY).withFieldsV1(fields).build())
                    .endMetadata().build());
        }

        FieldsV1 a = store.get("n/a").getMetadata().getManagedFields().get(0).getFieldsV1();
        FieldsV1 b = store.get("n/b").getMetadata().getManagedFields().get(0).getFieldsV1();
        assertThat(a).isSameAs(b);
        assertThat(a.getAdditionalProperties()).containsKey("f:data");
    }

    @Test
    void emptyUnknownFieldMapsAreOneSharedMapAndTheObjectReadsTheSame() {
        Deployment deployment = Serialization.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, namespace: n, labels: {a: b}, ownerReferences: [{apiVersion: v1, kind: K, name: k, uid: u}]}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                      - name: c
                        image: i
                        env: [{name: E, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                        resources: {limits: {memory: 1Gi}}
                        readinessProbe: {httpGet: {path: /, port: 8080}}
                status: {replicas: 1, conditions: [{type: Available, status: "True"}]}
                """, Deployment.class);
        deployment.getSpec().setAdditionalProperty("futureField", 1);
        String before = Serialization.asJson(deployment);
        OwnFieldsStore<Deployment> store = new OwnFieldsStore<>();

        store.put("n/d", deployment);

        Deployment kept = store.get("n/d");
        var container = kept.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<Map<String, Object>> unknown = List.of(kept.getAdditionalProperties(), kept.getMetadata().getAdditionalProperties(),
                kept.getMetadata().getOwnerReferences().get(0).getAdditionalProperties(), container.getAdditionalProperties(),
                container.getEnv().get(0).getValueFrom().getSecretKeyRef().getAdditionalProperties(),
                container.getResources().getLimits().get("memory").getAdditionalProperties(),
                container.getReadinessProbe().getHttpGet().getAdditionalProperties(),
                kept.getStatus().getConditions().get(0).getAdditionalProperties());
        assertThat(unknown.get(0)).isEmpty();
        for (int i = 0; i < unknown.size(); i++) {
            assertThat(unknown.get(i)).as("map %d", i).isSameAs(unknown.get(0));
        }
        assertThat(kept.getSpec().getAdditionalProperties()).as("a model's unknown field").containsEntry("futureField", 1);
        assertThat(Serialization.asJson(kept)).isEqualTo(before);
    }

    @Test
    void equalPartsOfDifferentShopsObjectsAreOneInstanceAndEachObjectReadsTheSame() {
        OwnFieldsStore<Deployment> store = new OwnFieldsStore<>();
        Map<String, String> json = new java.util.LinkedHashMap<>();
        for (String shop : List.of("a", "b", "c")) {
            Deployment deployment = Serialization.unmarshal("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: %1$s-catalog, namespace: %1$s, uid: u-%1$s, labels: {shop: %1$s, app: catalog}}
                    spec:
                      selector: {matchLabels: {shop: %1$s, app: catalog}}
                      template:
                        metadata: {labels: {shop: %1$s, app: catalog}}
                        spec:
                          containers:
                          - name: catalog
                            image: registry/catalog:1
                            env: [{name: DB_HOST, value: %1$s-catalog-db}, {name: PORT, value: "8080"}]
                            resources: {limits: {memory: 256Mi, cpu: 500m}}
                            readinessProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 2}
                            securityContext: {runAsNonRoot: true, capabilities: {drop: [ALL]}}
                    status: {replicas: 1}
                    """.formatted(shop), Deployment.class);
            String key = shop + "/" + shop + "-catalog";
            json.put(key, Serialization.asJson(deployment));
            store.put(key, deployment);
        }

        json.forEach((key, before) -> assertThat(Serialization.asJson(store.get(key))).as(key).isEqualTo(before));
        var a = store.get("a/a-catalog").getSpec().getTemplate().getSpec().getContainers().get(0);
        var b = store.get("b/b-catalog").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(b.getReadinessProbe()).isSameAs(a.getReadinessProbe());
        assertThat(b.getSecurityContext()).isSameAs(a.getSecurityContext());
        assertThat(b.getResources()).isSameAs(a.getResources());
        assertThat(b.getEnv().get(1)).isSameAs(a.getEnv().get(1));
        assertThat(b.getEnv().get(0)).isNotSameAs(a.getEnv().get(0)).isNotEqualTo(a.getEnv().get(0));
        assertThat(b.getEnv()).isNotSameAs(a.getEnv());
        Deployment one = store.get("a/a-catalog");
        assertThat(one.getSpec().getSelector().getMatchLabels()).as("equal label maps within an object")
                .isSameAs(one.getSpec().getTemplate().getMetadata().getLabels())
                .isSameAs(one.getMetadata().getLabels());
    }
}
