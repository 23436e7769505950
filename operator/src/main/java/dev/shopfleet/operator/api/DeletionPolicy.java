package dev.shopfleet.operator.api;

public enum DeletionPolicy {
    Retain,
    Delete
}
