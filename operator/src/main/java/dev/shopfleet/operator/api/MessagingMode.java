package dev.shopfleet.operator.api;

/** Where the shop's event streams run. (Strimzi's Kafka CRs are the next mode planned.) */
public enum MessagingMode {
    /** The operator runs a Kafka broker (KRaft) for the shop: StatefulSet, volume, credentials, traffic policy. */
    managed,
    /**
     * A Kafka the shop's platform team runs: where it is, how to reach it and each client service's credentials are in
     * the Secret spec.messaging.secretName; its topics and ACLs are the platform team's to make, as the contract says.
     */
    external,
    /** No broker: orders delivers its events to notifications over HTTP, and nothing else can read them. */
    none
}
