package dev.shopfleet.operator.dependents;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import dev.shopfleet.operator.api.DatabaseMode;
import dev.shopfleet.operator.api.DeletionPolicy;
import dev.shopfleet.operator.api.ShopPlatform;
import dev.shopfleet.operator.shop.OwnFieldsStore;
import dev.shopfleet.operator.shop.Shop;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator generates once and never writes again: each managed database's credentials, the broker's, and the
 * shop's admin invitation (the token the shop's admin registers with; see ShopContract.ENV_ADMIN_INVITATION). An update only
 * changes who owns a Secret, which follows deletionPolicy (owned by the shop, and so deleted with it, only under
 * Delete). Under Retain a database's Secret also outlives disabling its service, so a service enabled again finds
 * its data and its password together.
 *
 * <p>It counts as garbage-collected (so the shop needs no finalizer, which would block its deletion
 * while the operator is down), but adds its owner reference itself, and finds its shop by label.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Shop.MANAGED_SELECTOR, itemStore = OwnFieldsStore.class))
public class GeneratedSecretsDependent extends ShopBulkDependent<Secret> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public GeneratedSecretsDependent() {
        super(Secret.class);
    }

    @Override
    protected List<Secret> desired(Shop shop) {
        List<Secret> desired = new ArrayList<>();
        for (ShopService service : shop.databases(DatabaseMode.managed)) {
            desired.add(desired(shop, service, generatePassword(), generatePassword()));
        }
        if (shop.isEnabled(ShopService.USERS)) {
            desired.add(adminInvitation(shop, generatePassword()));
        }
        if (shop.usesBroker()) {
            desired.add(broker(shop));
        }
        return desired;
    }

    /** The broker's superuser's password and one per client service in the contract (a service enabled later has one). */
    static Secret broker(Shop shop) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ShopBroker.SECRET_ADMIN_PASSWORD, generatePassword());
        ShopTopic.clients().forEach(client -> data.put(BrokerContract.passwordKey(client), generatePassword()));
        data.replaceAll((key, value) -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return new SecretBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, shop.brokerName(), shop.brokerLabels()))
                .editMetadata().withOwnerReferences(owners(shop)).endMetadata()
                .withType("Opaque")
                .withImmutable(false)
                .withData(data)
                .build();
    }

    static Secret adminInvitation(Shop shop, String token) {
        return new SecretBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, ShopContract.adminInvitationSecret(shop.name()),
                        shop.shopLabels()))
                .editMetadata().withOwnerReferences(owners(shop)).endMetadata()
                .withType("Opaque")
                .withImmutable(false)
                .withData(Map.of(ShopContract.SECRET_INVITATION_TOKEN,
                        Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    static Secret desired(Shop shop, ShopService service, String password, String adminPassword) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ShopContract.SECRET_HOST, shop.databaseName(service));
        data.put(ShopContract.SECRET_PORT, Integer.toString(Shop.DATABASE_PORT));
        data.put(ShopContract.SECRET_DATABASE, service.id());
        data.put(ShopContract.SECRET_USERNAME, service.id());
        data.put(ShopContract.SECRET_PASSWORD, password);
        data.put(ShopContract.SECRET_ADMIN_USERNAME, DatabasesDependent.ADMIN_USER);
        data.put(ShopContract.SECRET_ADMIN_PASSWORD, adminPassword);
        data.replaceAll((key, value) -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return new SecretBuilder()
                .withMetadata(ShopBulkDependent.metadata(shop, shop.databaseName(service),
                        shop.labels(service, Shop.Component.database)))
                .editMetadata().withOwnerReferences(owners(shop)).endMetadata()
                .withType("Opaque")
                .withImmutable(false)
                .withData(data)
                .build();
    }

    private static List<OwnerReference> owners(Shop shop) {
        return shop.spec().getDeletionPolicy() == DeletionPolicy.Delete ? List.of(shop.ownerReference()) : List.of();
    }

    static String generatePassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    @Override
    protected boolean addOwnerReference() {
        return false; // desired() sets it, under deletionPolicy Delete only
    }

    @Override
    protected Optional<SecondaryToPrimaryMapper<Secret>> getSecondaryToPrimaryMapper(EventSourceContext<ShopPlatform> context) {
        return Optional.of(secret -> {
            String shop = secret.getMetadata().getLabels().get(Shop.LABEL_SHOP);
            return shop == null ? Set.of() : Set.of(new ResourceID(shop, secret.getMetadata().getNamespace()));
        });
    }

    /**
     * An existing Secret matches whatever its values: only its ownership, or a key an older operator did not write
     * (the database superuser's), can be out of date. Nothing already written is ever changed.
     */
    @Override
    public Matcher.Result<Secret> match(Secret actual, Secret desired, ShopPlatform primary, Context<ShopPlatform> context) {
        boolean owned = actual.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Objects.equals(o.getUid(), primary.getMetadata().getUid()));
        boolean shouldBeOwned = !desired.getMetadata().getOwnerReferences().isEmpty();
        return Matcher.Result.computed(owned == shouldBeOwned && missingKeys(actual, desired).isEmpty(), desired);
    }

    @Override
    public Secret update(Secret actual, Secret desired, ShopPlatform primary, Context<ShopPlatform> context) {
        Map<String, String> missing = missingKeys(actual, desired);
        return context.getClient().secrets().inNamespace(actual.getMetadata().getNamespace())
                .withName(actual.getMetadata().getName())
                .edit(secret -> new SecretBuilder(secret).editMetadata()
                        .withOwnerReferences(desired.getMetadata().getOwnerReferences()).endMetadata()
                        .addToData(missing).build());
    }

    private static Map<String, String> missingKeys(Secret actual, Secret desired) {
        Map<String, String> missing = new LinkedHashMap<>(desired.getData());
        if (actual.getData() != null) {
            missing.keySet().removeAll(actual.getData().keySet());
        }
        return missing;
    }

    /** A Secret no longer desired (its service was disabled) goes only under deletionPolicy Delete. */
    @Override
    public void deleteTargetResource(ShopPlatform primary, Secret resource, ResourceID key, Context<ShopPlatform> context) {
        if (primary.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
            super.deleteTargetResource(primary, resource, key, context);
        }
    }
}
