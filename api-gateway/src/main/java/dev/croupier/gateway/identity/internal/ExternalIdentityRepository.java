package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.EXTERNAL_IDENTITIES;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Links between users and their accounts at external OIDC providers. */
@Component
final class ExternalIdentityRepository {
  Optional<UUID> findUser(DSLContext tx, String provider, String subject) {
    return tx.select(EXTERNAL_IDENTITIES.USER_ID)
        .from(EXTERNAL_IDENTITIES)
        .where(EXTERNAL_IDENTITIES.PROVIDER.eq(provider))
        .and(EXTERNAL_IDENTITIES.SUBJECT.eq(subject))
        .fetchOptional(EXTERNAL_IDENTITIES.USER_ID);
  }

  void link(
      DSLContext tx,
      String provider,
      String subject,
      UUID userId,
      @Nullable String email,
      Instant now) {
    tx.insertInto(EXTERNAL_IDENTITIES)
        .set(EXTERNAL_IDENTITIES.PROVIDER, provider)
        .set(EXTERNAL_IDENTITIES.SUBJECT, subject)
        .set(EXTERNAL_IDENTITIES.USER_ID, userId)
        .set(EXTERNAL_IDENTITIES.EMAIL, email)
        .set(EXTERNAL_IDENTITIES.LINKED_AT, UserRepository.at(now))
        .execute();
  }
}
