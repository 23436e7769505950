package dev.shopfleet.operator.api;

/** Where a service's database comes from. (CloudNativePG clusters are the next mode planned.) */
public enum DatabaseMode {
    managed,
    external
}
