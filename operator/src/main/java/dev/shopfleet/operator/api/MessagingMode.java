package dev.shopfleet.operator.api;

/** Where the shop's event streams run. (An external Kafka, or Strimzi's Kafka CRs, are the next modes planned.) */
public enum MessagingMode {
    /** The operator runs a Kafka broker (KRaft) for the shop: StatefulSet, volume, credentials, traffic policy. */
    managed,
    /** No broker: orders delivers its events to notifications over HTTP, and nothing else can read them. */
    none
}
