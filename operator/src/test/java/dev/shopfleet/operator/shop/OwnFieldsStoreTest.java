package dev.shopfleet.operator.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
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
}
