package dev.shopfleet.inventory;

import dev.shopfleet.inventory.Dtos.Line;
import dev.shopfleet.inventory.Dtos.ReservationRequest;
import dev.shopfleet.inventory.Dtos.ReservationView;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reserve, commit, release, expire: every transition is one transaction, and a retried call changes nothing. */
@Singleton
public class ReservationService {
    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(ReservationService.class);
    private final InventoryRepository repository;

    ReservationService(InventoryRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public ReservationView reserve(ReservationRequest request) {
        List<Line> lines = request.lines().stream().sorted(Comparator.comparing(Line::sku)).toList();
        if (lines.stream().map(Line::sku).distinct().count() != lines.size()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "each SKU may appear once in a reservation");
        }
        if (repository.lockReservation(request.id()).isPresent()) {
            ReservationView existing = find(request.id());
            if (!existing.lines().equals(lines)) {
                throw new HttpStatusException(HttpStatus.CONFLICT, "reservation " + request.id() + " exists with other lines");
            }
            return existing;
        }
        Instant expiresAt = Instant.now().plus(request.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(request.ttlSeconds()));
        repository.insertReservation(request.id(), expiresAt);
        for (Line line : lines) { // in SKU order, so two multi-line reservations never deadlock
            if (repository.tryReserve(line.sku(), line.quantity()) != 1) {
                throw new HttpStatusException(HttpStatus.CONFLICT, repository.existsById(line.sku())
                        ? "out of stock: " + line.sku() + " has fewer than " + line.quantity() + " available"
                        : "unknown SKU " + line.sku());
            }
            repository.insertLine(request.id(), line.sku(), line.quantity());
        }
        return new ReservationView(request.id(), "RESERVED", expiresAt, lines);
    }

    @Transactional
    public ReservationView commit(String id) {
        String status = status(id);
        switch (status) {
            case "COMMITTED" -> { }
            case "RESERVED" -> {
                lines(id).forEach(l -> repository.take(l.sku(), l.quantity()));
                repository.setStatus(id, "COMMITTED");
                LOG.info("reservation {} committed", id);
            }
            default -> throw new HttpStatusException(HttpStatus.CONFLICT, "reservation " + id + " is " + status + " and cannot be committed");
        }
        return find(id);
    }

    @Transactional
    public ReservationView release(String id) {
        String status = status(id);
        switch (status) {
            case "RELEASED", "EXPIRED" -> { }
            case "RESERVED" -> releaseLines(id, "RELEASED");
            default -> throw new HttpStatusException(HttpStatus.CONFLICT, "reservation " + id + " is committed; it cannot be released");
        }
        return find(id);
    }

    /** Reservations nobody committed or released in time give their stock back. */
    @Scheduled(fixedDelay = "${inventory.expiry-check:5s}", initialDelay = "5s")
    @Transactional
    public void expireDue() {
        for (String id : repository.lockDue()) {
            releaseLines(id, "EXPIRED");
        }
    }

    @Transactional
    public ReservationView find(String id) {
        Instant expiresAt = repository.expiresAt(id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no reservation " + id));
        return new ReservationView(id, status(id), expiresAt, lines(id));
    }

    private void releaseLines(String id, String newStatus) {
        lines(id).forEach(l -> repository.unreserve(l.sku(), l.quantity()));
        repository.setStatus(id, newStatus);
        LOG.info("reservation {} {}", id, newStatus.toLowerCase());
    }

    private String status(String id) {
        return repository.lockReservation(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no reservation " + id));
    }

    private List<Line> lines(String id) {
        return repository.lines(id).stream().map(s -> {
            int colon = s.lastIndexOf(':');
            return new Line(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        }).toList();
    }
}
