package dev.croupier.admin.staff;

/** What a staff member is: the permission matrix ({@link Permission}) says what each may do. */
public enum Role {
  /** Runs the back office: staff, money, approvals, flags. */
  ADMIN,
  /** Runs the platform day to day: players, flags, the live ledger. */
  OPS,
  /** Reviews: players, the ledger, the audit log, sessions and evidence. */
  COMPLIANCE
}
