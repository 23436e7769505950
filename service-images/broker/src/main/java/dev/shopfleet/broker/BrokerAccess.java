package dev.shopfleet.broker;

import dev.shopfleet.contract.BrokerContract;
import dev.shopfleet.contract.ShopService;
import dev.shopfleet.contract.ShopTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the broker's users, topics and ACLs what the settings and the contract say, through the broker's own admin
 * client, at every start: each client service a SCRAM user with its current password (and no user for a service that
 * has none), each topic with its partitions and retention, and exactly the ACLs {@link ShopTopic} implies — the
 * producer may write its topic, each consumer may read it in its own group, and nobody else may do anything.
 */
final class BrokerAccess {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAccess.class);
    private static final int SCRAM_ITERATIONS = 8192;
    private final Admin admin;
    private final BrokerSettings settings;

    BrokerAccess(Admin admin, BrokerSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    void apply() throws ExecutionException, InterruptedException {
        users();
        topics();
        acls();
    }

    private void users() throws ExecutionException, InterruptedException {
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        settings.clientPasswords().forEach((client, password) -> alterations.add(new UserScramCredentialUpsertion(
                client.id(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)));
        Set<String> wanted = new HashSet<>(names(settings.clientPasswords().keySet()));
        wanted.add(BrokerContract.ADMIN_USER);
        for (String user : admin.describeUserScramCredentials().users().get()) {
            if (!wanted.contains(user)) {
                alterations.add(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512));
            }
        }
        admin.alterUserScramCredentials(alterations).all().get();
        LOG.info("users: {}", wanted);
    }

    private void topics() throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        String retention = Long.toString(settings.retention().toMillis());
        for (ShopTopic topic : ShopTopic.values()) {
            String name = topic.topicName();
            if (!existing.contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, settings.partitions(), (short) 1)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retention)))).all().get();
                LOG.info("topic {} created: {} partitions, retention {}", name, settings.partitions(), settings.retention());
                continue;
            }
            TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            if (description.partitions().size() < settings.partitions()) { // partitions can only grow
                admin.createPartitions(Map.of(name, NewPartitions.increaseTo(settings.partitions()))).all().get();
            }
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(
                    new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retention), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
    }

    private void acls() throws ExecutionException, InterruptedException {
        Set<AclBinding> wanted = wantedAcls(settings.clientPasswords().keySet());
        Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get();
        List<AclBindingFilter> extra = existing.stream().filter(acl -> !wanted.contains(acl)).map(AclBinding::toFilter).toList();
        if (!extra.isEmpty()) {
            admin.deleteAcls(extra).all().get();
        }
        List<AclBinding> missing = wanted.stream().filter(acl -> !existing.contains(acl)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get();
        }
        LOG.info("ACLs: {} in place, {} added, {} removed", wanted.size(), missing.size(), extra.size());
    }

    /** What the contract allows the services that have a user: nothing more. */
    static Set<AclBinding> wantedAcls(Set<ShopService> clients) {
        Set<AclBinding> acls = new HashSet<>();
        for (ShopTopic topic : ShopTopic.values()) {
            ResourcePattern resource = new ResourcePattern(ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL);
            if (clients.contains(topic.producer())) {
                acls.add(allow(resource, topic.producer(), AclOperation.WRITE));
                acls.add(allow(resource, topic.producer(), AclOperation.DESCRIBE));
            }
            for (ShopService consumer : topic.consumers()) {
                if (clients.contains(consumer)) {
                    acls.add(allow(resource, consumer, AclOperation.READ));
                    acls.add(allow(resource, consumer, AclOperation.DESCRIBE));
                    acls.add(allow(new ResourcePattern(ResourceType.GROUP, ShopTopic.consumerGroup(consumer),
                            PatternType.LITERAL), consumer, AclOperation.READ));
                }
            }
        }
        return acls;
    }

    private static AclBinding allow(ResourcePattern resource, ShopService client, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + client.id(), "*", operation, AclPermissionType.ALLOW));
    }

    private static List<String> names(Set<ShopService> services) {
        return services.stream().map(ShopService::id).toList();
    }
}
