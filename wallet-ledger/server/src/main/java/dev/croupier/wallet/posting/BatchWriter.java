package dev.croupier.wallet.posting;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.Account;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.posting.PostingRepository.Inserted;
import dev.croupier.wallet.posting.PostingRepository.Locked;
import dev.croupier.wallet.posting.PostingRepository.NewEntry;
import dev.croupier.wallet.posting.PostingRepository.NewTransaction;
import dev.croupier.wallet.posting.PostingRepository.Stored;
import dev.croupier.wallet.posting.PostingRepository.StoredEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * Writes one batch of posts inside one database transaction. Posts with distinct keys go in; each
 * gets its own outcome (a result or a {@link LedgerException}), and a failing post writes nothing
 * while the others go on.
 */
final class BatchWriter {
  /** A key in the batch was inserted by another writer meanwhile: roll back and run again. */
  static final class KeyRace extends RuntimeException {
    KeyRace() {
      super("idempotency key taken concurrently", null, false, false);
    }
  }

  private final AccountCatalog catalog;
  private final PostingRepository repository;

  BatchWriter(AccountCatalog catalog, PostingRepository repository) {
    this.catalog = catalog;
    this.repository = repository;
  }

  /**
   * Outcomes by pending post: {@link PostResult} or {@link LedgerException}.
   *
   * @param lookUpKeys whether to look for earlier posts of the keys first. Without it (the common
   *     case of fresh keys, one round trip less), a key that exists makes the insert come back
   *     short, and {@link KeyRace} tells the caller to roll back and run again with it.
   */
  Map<Pending, Object> write(DSLContext ctx, List<Pending> batch, boolean lookUpKeys) {
    Map<Pending, Object> outcomes = attempt(ctx, batch, lookUpKeys);
    if (!lookUpKeys) {
      // A failure may stem from the key having been posted already (a replay of a bet that the
      // balance no longer covers, a reversal that reversed itself): such posts are replays or
      // conflicts, so look up the keys of the failed ones. Failures are rare; fresh keys are not.
      List<Pending> failed =
          outcomes.entrySet().stream()
              .filter(e -> e.getValue() instanceof LedgerException)
              .map(Map.Entry::getKey)
              .toList();
      if (!failed.isEmpty()) {
        Map<String, Stored> stored =
            repository.findByKeys(ctx, failed.stream().map(Pending::key).toList());
        for (Pending p : failed) {
          Stored s = stored.get(p.key());
          if (s != null) {
            outcomes.put(p, storedOutcome(p, s));
          }
        }
      }
    }
    return outcomes;
  }

  private Map<Pending, Object> attempt(DSLContext ctx, List<Pending> batch, boolean lookUpKeys) {
    Map<Pending, Object> outcomes = new IdentityHashMap<>();
    Map<String, Stored> stored =
        lookUpKeys
            ? repository.findByKeys(ctx, batch.stream().map(Pending::key).toList())
            : Map.of();

    List<Pending> fresh = new ArrayList<>();
    for (Pending p : batch) {
      Stored s = stored.get(p.key());
      if (s == null) {
        fresh.add(p);
      } else {
        outcomes.put(p, storedOutcome(p, s));
      }
    }
    if (fresh.isEmpty()) {
      return outcomes;
    }

    Set<Long> accountIds = new HashSet<>();
    Set<Long> reversed = new HashSet<>();
    for (Pending p : fresh) {
      p.request.legs().forEach(l -> accountIds.add(l.accountId()));
      Sweep sweep = p.request.sweep();
      if (sweep != null) {
        accountIds.add(sweep.fromAccountId());
        accountIds.add(sweep.toAccountId());
      }
      if (p.request.reversesTransactionId() > 0) {
        reversed.add(p.request.reversesTransactionId());
      }
    }
    Map<Long, Account> accounts = catalog.resolve(ctx, accountIds);
    Set<Long> alreadyReversed =
        reversed.isEmpty() ? Set.of() : repository.alreadyReversed(ctx, reversed);

    // Which sub-account each leg moves, for the posts that pass the account checks.
    Map<Pending, int[]> shards = new LinkedHashMap<>();
    TreeSet<SubAccount> toLock = new TreeSet<>();
    for (Pending p : fresh) {
      try {
        int[] legShards = resolveLegs(p, accounts, alreadyReversed);
        shards.put(p, legShards);
        for (int i = 0; i < legShards.length; i++) {
          toLock.add(new SubAccount(p.request.legs().get(i).accountId(), legShards[i]));
        }
        Sweep sweep = p.request.sweep();
        if (sweep != null) {
          toLock.add(new SubAccount(sweep.fromAccountId(), 0));
          toLock.add(new SubAccount(sweep.toAccountId(), 0));
        }
      } catch (LedgerException e) {
        outcomes.put(p, e);
      }
    }
    if (shards.isEmpty()) {
      return outcomes;
    }

    Map<SubAccount, Locked> locked = repository.lock(ctx, toLock);
    Map<SubAccount, Long> finalBalances = new HashMap<>();
    List<NewTransaction> inserts = new ArrayList<>();
    Map<Pending, List<PostedBalance>> results = new IdentityHashMap<>();
    Map<Pending, Long> swept = new IdentityHashMap<>();
    for (var e : shards.entrySet()) {
      Pending p = e.getKey();
      try {
        List<NewEntry> entries = apply(p, e.getValue(), locked);
        inserts.add(new NewTransaction(p, entries));
        for (NewEntry ne : entries) {
          finalBalances.put(new SubAccount(ne.accountId(), ne.shard()), ne.balanceAfter());
        }
        results.put(p, balancesOf(entries));
        swept.put(p, sweptBy(p.request.sweep(), entries));
      } catch (LedgerException ex) {
        outcomes.put(p, ex);
      }
    }
    if (inserts.isEmpty()) {
      return outcomes;
    }

    Map<String, Inserted> inserted = repository.write(ctx, inserts, finalBalances);
    if (inserted.size() != inserts.size()) {
      throw new KeyRace();
    }
    for (NewTransaction t : inserts) {
      Inserted i = inserted.get(t.pending().key());
      outcomes.put(
          t.pending(),
          new PostResult(
              i.id(), results.get(t.pending()), false, i.createdAt(), swept.get(t.pending())));
    }
    return outcomes;
  }

  /** A replay when the stored request is the same, else a conflict. */
  private static Object storedOutcome(Pending p, Stored s) {
    if (Arrays.equals(s.requestHash(), p.hash)) {
      return replay(p, s);
    }
    return new LedgerException(
        ErrorCode.IDEMPOTENCY_CONFLICT, "key " + p.key() + " was used for another request");
  }

  private int[] resolveLegs(Pending p, Map<Long, Account> accounts, Set<Long> alreadyReversed) {
    List<Leg> legs = p.request.legs();
    int[] out = new int[legs.size()];
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      Account a = accounts.get(leg.accountId());
      if (a == null) {
        throw new LedgerException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + leg.accountId());
      }
      if (!a.currency().equals(leg.currency())) {
        throw new LedgerException(
            ErrorCode.CURRENCY_MISMATCH,
            "account %d holds %s, not %s".formatted(a.id(), a.currency(), leg.currency()));
      }
      if (leg.subAccount() == Leg.ANY_SUB_ACCOUNT) {
        out[i] = a.subAccounts() == 1 ? 0 : p.route % a.subAccounts();
      } else if (leg.subAccount() >= 0 && leg.subAccount() < a.subAccounts()) {
        out[i] = leg.subAccount();
      } else {
        throw new LedgerException(ErrorCode.VALIDATION_FAILED, "no such sub-account");
      }
    }
    Sweep sweep = p.request.sweep();
    if (sweep != null) {
      for (long id : new long[] {sweep.fromAccountId(), sweep.toAccountId()}) {
        Account a = accounts.get(id);
        if (a == null) {
          throw new LedgerException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + id);
        }
        if (!a.currency().equals(sweep.currency())) {
          throw new LedgerException(
              ErrorCode.CURRENCY_MISMATCH,
              "account %d holds %s, not %s".formatted(a.id(), a.currency(), sweep.currency()));
        }
        if (a.subAccounts() != 1) {
          throw new LedgerException(
              ErrorCode.VALIDATION_FAILED, "a sweep moves only accounts with one sub-account");
        }
      }
    }
    if (alreadyReversed.contains(p.request.reversesTransactionId())) {
      throw new LedgerException(
          ErrorCode.ALREADY_REVERSED,
          "transaction " + p.request.reversesTransactionId() + " is already reversed");
    }
    return out;
  }

  /**
   * Applies the sweep (its entries are legs 0 and 1) and then the legs to the locked balances, or
   * changes nothing and throws.
   */
  private static List<NewEntry> apply(Pending p, int[] shards, Map<SubAccount, Locked> locked) {
    List<Leg> legs = new ArrayList<>(p.request.legs().size() + 2);
    int[] legShards = shards;
    Sweep sweep = p.request.sweep();
    if (sweep != null) {
      Locked from = locked.get(new SubAccount(sweep.fromAccountId(), 0));
      if (from == null) {
        throw new LedgerException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + sweep.fromAccountId());
      }
      // Every post of this batch before this one has already moved the locked balance.
      long whole = from.balance;
      if (whole > 0) {
        legs.add(new Leg(sweep.fromAccountId(), sweep.currency(), -whole, 0));
        legs.add(new Leg(sweep.toAccountId(), sweep.currency(), whole, 0));
        legShards = new int[shards.length + 2];
        System.arraycopy(shards, 0, legShards, 2, shards.length);
      }
    }
    legs.addAll(p.request.legs());
    if (legs.isEmpty()) {
      throw new LedgerException(
          ErrorCode.INVALID_AMOUNT, "nothing to post: the swept account is empty and no legs");
    }
    Map<SubAccount, Long> working = new HashMap<>();
    List<NewEntry> entries = new ArrayList<>(legs.size());
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      SubAccount s = new SubAccount(leg.accountId(), legShards[i]);
      Locked row = locked.get(s);
      if (row == null) {
        throw new LedgerException(ErrorCode.UNKNOWN_ACCOUNT, "no sub-account " + s);
      }
      long before = working.getOrDefault(s, row.balance);
      long after;
      try {
        after = Math.addExact(before, leg.amount());
      } catch (ArithmeticException e) {
        throw new LedgerException(ErrorCode.INVALID_AMOUNT, "balance would overflow");
      }
      if (after < 0 && !row.allowNegative) {
        // Checked per entry, so that no entry of a player ever shows a negative balance.
        throw new LedgerException(
            ErrorCode.INSUFFICIENT_FUNDS,
            "account %d balance %d does not cover the debit of %d"
                .formatted(s.accountId(), before, -leg.amount()));
      }
      working.put(s, after);
      entries.add(new NewEntry(i, s.accountId(), s.shard(), leg.currency(), leg.amount(), after));
    }
    for (var w : working.entrySet()) {
      locked.get(w.getKey()).balance = w.getValue();
    }
    return entries;
  }

  /** What the sweep moved: its credit entry, leg 1, when legs 0 and 1 are its pair. */
  private static long sweptBy(Sweep sweep, List<NewEntry> entries) {
    if (sweep == null || entries.size() < 2) {
      return 0;
    }
    NewEntry debit = entries.get(0);
    NewEntry credit = entries.get(1);
    boolean isSweep =
        debit.accountId() == sweep.fromAccountId()
            && credit.accountId() == sweep.toAccountId()
            && debit.amount() < 0
            && credit.amount() == -debit.amount();
    return isSweep ? credit.amount() : 0;
  }

  private static List<PostedBalance> balancesOf(List<NewEntry> entries) {
    Map<SubAccount, PostedBalance> out = new LinkedHashMap<>();
    for (NewEntry e : entries) {
      out.put(
          new SubAccount(e.accountId(), e.shard()),
          new PostedBalance(e.accountId(), e.currency(), e.shard(), e.balanceAfter()));
    }
    return List.copyOf(out.values());
  }

  private static PostResult replay(Pending p, Stored s) {
    Map<SubAccount, PostedBalance> out = new LinkedHashMap<>();
    List<NewEntry> entries = new ArrayList<>(s.entries().size());
    int leg = 0;
    for (StoredEntry e : s.entries()) {
      out.put(
          new SubAccount(e.accountId(), e.shard()),
          new PostedBalance(e.accountId(), e.currency(), e.shard(), e.balanceAfter()));
      entries.add(
          new NewEntry(
              leg++, e.accountId(), e.shard(), e.currency(), e.amount(), e.balanceAfter()));
    }
    return new PostResult(
        s.id(),
        List.copyOf(out.values()),
        true,
        s.createdAt(),
        sweptBy(p.request.sweep(), entries));
  }
}
