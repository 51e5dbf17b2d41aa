package io.boxoffice.orders;

import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.CachedResponses;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP edge of the orders module. */
@RestController
@RequestMapping("/api/v1")
class OrderController {

    /** How the buyer pays. */
    record PaymentRequest(@NotBlank @Size(max = 255) String paymentMethod) {}

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String ADMISSION_TOKEN = "Admission-Token";

    private final OrderManagement orders;
    private final IdempotentRequests idempotency;
    private final AvailabilityCache availability;
    private final CachedResponses responses;

    OrderController(
            OrderManagement orders,
            IdempotentRequests idempotency,
            AvailabilityCache availability,
            CachedResponses responses) {
        this.orders = orders;
        this.idempotency = idempotency;
        this.availability = availability;
        this.responses = responses;
    }

    @PostMapping("/orders")
    ResponseEntity<Order> place(
            @Valid @RequestBody NewOrder order,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(value = ADMISSION_TOKEN, required = false) String admission) {
        Order placed = orders.place(Callers.required(), order, key, admission);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + placed.id()))
                .body(placed);
    }

    @GetMapping("/orders/{id}")
    Order get(@PathVariable UUID id) {
        return orders.get(Callers.required(), id);
    }

    /** 200 with the confirmed order, or 202 with what the payment waits for ({@link PaymentAction}). */
    @PostMapping("/orders/{id}/pay")
    ResponseEntity<Object> pay(
            @PathVariable UUID id,
            @RequestBody PaymentRequest payment, // validated after the ownership check
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        Caller caller = Callers.required();
        OrderPayments.Paid paid = idempotency.once(
                caller,
                key,
                IdempotencyKeys.fingerprint(
                        "POST /api/v1/orders/" + id + "/pay", List.of(String.valueOf(payment.paymentMethod()))),
                HttpStatus.OK.value(),
                new IdempotentRequests.Attempt<>(
                        () -> orders.pay(caller, id, payment.paymentMethod()),
                        result -> result instanceof OrderPayments.Paid.Confirmed ? result.orderId() : null,
                        () -> orders.paid(caller, id).map(order -> new OrderPayments.Paid.Confirmed(order.id())),
                        OrderPayments.Paid.Confirmed::new));
        if (paid instanceof OrderPayments.Paid.Confirmed) {
            return ResponseEntity.ok(orders.get(caller, paid.orderId()));
        }
        return ResponseEntity.accepted().body(PaymentAction.of(paid));
    }

    @GetMapping("/orders/{id}/payments")
    PaymentHistory payments(@PathVariable UUID id) {
        return orders.paymentHistory(Callers.required(), id);
    }

    @PostMapping("/orders/{id}/cancel")
    Order cancel(@PathVariable UUID id) {
        return orders.cancel(Callers.required(), id);
    }

    @GetMapping("/me/orders")
    Page<Order> mine(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return orders.mine(Callers.required(), cursor, limit);
    }

    @GetMapping("/events/{id}/availability")
    ResponseEntity<byte[]> availability(
            @PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        Cached cached = availability.of(
                id,
                () -> orders.availability(id)
                        .map(types -> Map.of("ticketTypes", types))
                        .orElse(null));
        if (!cached.present()) {
            throw new OrderProblems.EventUnknown();
        }
        return responses.respond(availability.cache(), cached, request, response);
    }
}
