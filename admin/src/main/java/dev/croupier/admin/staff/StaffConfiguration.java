package dev.croupier.admin.staff;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.staff.internal.SecretBox;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Staff accounts and sign-in; the sealing of TOTP secrets stays inside this feature. */
@Configuration(proxyBeanMethods = false)
class StaffConfiguration {

  @Bean
  SecretBox secretBox(AdminProperties properties) {
    try {
      return new SecretBox(properties.secretKeys());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "croupier.admin.secret-keys (CROUPIER_ADMIN_SECRET_KEYS): "
              + e.getMessage()
              + "; give one or more comma-separated base64 AES-256 keys, e.g. `openssl rand -base64 32`",
          e);
    }
  }

  @Bean
  StaffPasswords staffPasswords(AdminProperties properties) {
    return new StaffPasswords(properties.argon2());
  }

  @Bean
  Staff staff(
      DSLContext dsl,
      AuditLog audit,
      StaffPasswords passwords,
      SecretBox secrets,
      AdminProperties properties,
      Clock clock) {
    return new Staff(dsl, audit, passwords, secrets, properties, clock);
  }

  @Bean
  SignIn signIn(
      DSLContext dsl,
      AuditLog audit,
      StaffPasswords passwords,
      SecretBox secrets,
      AdminProperties properties,
      Clock clock) {
    return new SignIn(dsl, audit, passwords, secrets, properties.signIn(), clock);
  }
}
