package dev.croupier.workflows.session;

/**
 * A compliance user's resolution of a session's alert, sent by admin after it audited the action.
 *
 * @param alertId the alert resolved ({@link ComplianceAlert#alertId()}); another id is ignored
 * @param resolvedBy the staff member, as admin names them
 * @param note why, as written by them (bounded by admin)
 */
public record ReviewResolution(String alertId, String resolvedBy, String note) {}
