package dev.croupier.workflows.evidence;

/** A sealed bundle: its SHA-256 and size. */
public record SealedBundle(String sha256, long bytes) {}
