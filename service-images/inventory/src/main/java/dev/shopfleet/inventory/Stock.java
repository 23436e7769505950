package dev.shopfleet.inventory;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("stock")
public record Stock(@Id String sku, int onHand, int reserved) {
}
