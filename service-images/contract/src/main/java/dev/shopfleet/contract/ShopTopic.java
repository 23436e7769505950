package dev.shopfleet.contract;

import java.util.EnumSet;
import java.util.Set;

/**
 * The shop's event streams on its broker: who writes each and who reads it. The one place this lives, beside the
 * call graph in {@link ShopService}: the broker derives its access rules from it (a service may write only the topics
 * it produces and read only those it consumes, in a consumer group named after itself), the operator its credentials.
 */
public enum ShopTopic {
    /**
     * What happened to orders ({@link OrderEventType}), keyed by order id, so in order per order: notifications mails
     * the shopper, catalog counts what sold (its best sellers).
     */
    ORDER_EVENTS(ShopTopic.ORDER_EVENTS_NAME, ShopService.ORDERS, EnumSet.of(ShopService.NOTIFICATIONS, ShopService.CATALOG)),
    /**
     * The order events notifications could not take after its retries (unreadable, or refused over and over), kept
     * for an operator to read and replay; no service reads them.
     */
    NOTIFICATIONS_DEAD_LETTERS(ShopTopic.NOTIFICATIONS_DEAD_LETTERS_NAME, ShopService.NOTIFICATIONS, EnumSet.noneOf(ShopService.class)),
    /** The order events catalog could not count after its retries, kept to be read and replayed; no service reads them. */
    CATALOG_DEAD_LETTERS("catalog-dead-letters", ShopService.CATALOG, EnumSet.noneOf(ShopService.class));

    /** The topics' names as constants, for annotations (a listener's topic). */
    public static final String ORDER_EVENTS_NAME = "order-events";
    public static final String NOTIFICATIONS_DEAD_LETTERS_NAME = "notifications-dead-letters";

    private final String topicName;
    private final ShopService producer;
    private final Set<ShopService> consumers;

    ShopTopic(String topicName, ShopService producer, Set<ShopService> consumers) {
        this.topicName = topicName;
        this.producer = producer;
        this.consumers = consumers;
    }

    /** The topic's name on the broker (a broker serves one shop, so it carries no shop name). */
    public String topicName() {
        return topicName;
    }

    public ShopService producer() {
        return producer;
    }

    public Set<ShopService> consumers() {
        return consumers.isEmpty() ? EnumSet.noneOf(ShopService.class) : EnumSet.copyOf(consumers);
    }

    /** The consumer group a service reads in: its own id, so its replicas share the work and no one else joins. */
    public static String consumerGroup(ShopService consumer) {
        return consumer.id();
    }

    /**
     * Of the services a shop runs, those that exchange events on its broker: a topic's producer and its consumers when
     * both ends run (a topic no service reads, a dead-letter topic, goes with its producer). A shop without any is one
     * that needs no broker: a catalog alone has no order events to read.
     */
    public static Set<ShopService> clients(Set<ShopService> running) {
        Set<ShopService> clients = EnumSet.noneOf(ShopService.class);
        for (ShopTopic topic : values()) {
            Set<ShopService> readers = topic.consumers();
            readers.retainAll(running);
            if (running.contains(topic.producer) && !readers.isEmpty()) {
                clients.add(topic.producer);
                clients.addAll(readers);
            }
        }
        return clients;
    }

    /** The services that write or read some topic: each needs a broker identity of its own. */
    public static Set<ShopService> clients() {
        Set<ShopService> clients = EnumSet.noneOf(ShopService.class);
        for (ShopTopic topic : values()) {
            clients.add(topic.producer);
            clients.addAll(topic.consumers);
        }
        return clients;
    }
}
