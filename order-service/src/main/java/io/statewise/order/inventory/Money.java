package io.statewise.order.inventory;

/** An amount in minor units (cents) of an ISO 4217 currency, as inventory prices it. */
public record Money(long amountMinor, String currency) {

}
