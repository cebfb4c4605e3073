package io.statewise.inventory.catalog;

/** An amount in minor units (cents) of an ISO 4217 currency; never a floating point. */
public record Money(long amountMinor, String currency) {

}
