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
}
