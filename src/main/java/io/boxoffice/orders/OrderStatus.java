package io.boxoffice.orders;

/** Where an order is: a hold, a purchase, or closed without (or after) one. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    CANCELLED,
    EXPIRED,
    REFUNDED
}
