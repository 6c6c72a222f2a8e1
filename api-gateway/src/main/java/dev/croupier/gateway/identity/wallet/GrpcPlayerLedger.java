package dev.croupier.gateway.identity.wallet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.ListCurrenciesRequest;
import dev.croupier.api.wallet.v1.ListEntriesRequest;
import dev.croupier.api.wallet.v1.ListEntriesResponse;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.PlayerLedger;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PlayerLedger} over the wallet's gRPC API. The account is always the one the wallet opens
 * for the player's user id; a page cursor carries that account's id next to the wallet's own page
 * token, so a cursor copied from another player's history is refused ({@code NOT_YOUR_ACCOUNT})
 * instead of being passed on. Currencies are cached for a minute, account ids for an hour.
 */
final class GrpcPlayerLedger implements PlayerLedger {
  private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.([A-Za-z0-9_-]{1,200})");
  private final WalletCalls wallet;
  private final Cache<String, Long> accounts =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
  private final Cache<String, List<Currency>> currencies =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

  GrpcPlayerLedger(WalletCalls wallet) {
    this.wallet = wallet;
  }

  @Override
  public List<Currency> currencies() {
    try {
      return currencies.get(
          "all",
          k ->
              wallet
                  .call()
                  .listCurrencies(ListCurrenciesRequest.getDefaultInstance())
                  .getCurrenciesList()
                  .stream()
                  .map(c -> new Currency(c.getCode(), c.getKind(), c.getScale(), c.getUsable()))
                  .toList());
    } catch (StatusRuntimeException e) {
      throw failed(e);
    }
  }

  @Override
  public EntryPage entries(UUID userId, String currency, Optional<String> after, int pageSize) {
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "A page has 1 to " + MAX_PAGE + " entries.");
    }
    try {
      long account = account(userId, currency);
      String walletToken = "";
      if (after.isPresent()) {
        Matcher m = CURSOR.matcher(after.get());
        if (!m.matches()) {
          throw new CroupierException(ErrorCode.VALIDATION_FAILED, "The cursor is malformed.");
        }
        if (Long.parseLong(m.group(1)) != account) {
          throw new CroupierException(
              ErrorCode.NOT_YOUR_ACCOUNT, "The cursor belongs to another account.");
        }
        walletToken = new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
      }
      ListEntriesResponse page =
          wallet
              .call()
              .listEntries(
                  ListEntriesRequest.newBuilder()
                      .setAccountId(account)
                      .setNewestFirst(true)
                      .setPageSize(pageSize)
                      .setPageToken(walletToken)
                      .build());
      List<Entry> entries =
          page.getEntriesList().stream()
              .map(
                  e ->
                      new Entry(
                          e.getEntryId(),
                          e.getTransactionId(),
                          e.getCurrency(),
                          e.getAmount(),
                          e.getBalanceAfter(),
                          e.getKind().name(),
                          nonEmpty(e.getReference().getSessionId()),
                          e.getReference().getRound(),
                          nonEmpty(e.getReference().getTableId()),
                          Instant.ofEpochSecond(
                              e.getCreatedAt().getSeconds(), e.getCreatedAt().getNanos())))
              .toList();
      Optional<String> next =
          page.getNextPageToken().isEmpty()
              ? Optional.empty()
              : Optional.of(
                  account
                      + "."
                      + Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString(
                              page.getNextPageToken().getBytes(StandardCharsets.UTF_8)));
      return new EntryPage(entries, next);
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "The cursor is malformed.");
    } catch (StatusRuntimeException e) {
      throw failed(e);
    }
  }

  private long account(UUID userId, String currency) {
    return accounts.get(
        userId + "/" + currency,
        k ->
            wallet
                .call()
                .openAccount(
                    OpenAccountRequest.newBuilder()
                        .setOwnerId(userId.toString())
                        .setCurrency(currency)
                        .setType(AccountType.PLAYER)
                        .build())
                .getAccount()
                .getAccountId());
  }

  private static Optional<String> nonEmpty(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static CroupierException failed(StatusRuntimeException e) {
    ErrorCode code = WalletErrors.codeOf(e).orElse(ErrorCode.UNAVAILABLE);
    return new CroupierException(code, "wallet: " + code.description());
  }
}
