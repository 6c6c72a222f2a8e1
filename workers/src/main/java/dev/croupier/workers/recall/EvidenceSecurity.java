package dev.croupier.workers.recall;

import dev.croupier.errors.ErrorCode;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /evidence/**} answers one caller: the service whose certificate's common name is {@code
 * croupier.evidence.reader} (admin), proven by the TLS handshake of {@link EvidenceConnector}. No
 * certificate (the plaintext port, or a token) is 401 {@code UNKNOWN_CALLER}; another service's
 * certificate is 403 {@code CALLER_NOT_AUTHORIZED}. Player and staff tokens open nothing here.
 */
@Configuration(proxyBeanMethods = false)
class EvidenceSecurity {
  static final String READ = "EVIDENCE_READ";

  @Bean
  @Order(1)
  SecurityFilterChain evidenceSecurityChain(
      HttpSecurity http, EvidenceProperties evidence, JsonMapper json) throws Exception {
    UserDetailsService services =
        cn ->
            new User(
                cn,
                "",
                cn.equals(evidence.reader())
                    ? List.of(new SimpleGrantedAuthority(READ))
                    : List.of(new SimpleGrantedAuthority("SERVICE")));
    X509PrincipalExtractor commonName =
        certificate -> {
          try {
            for (Rdn rdn :
                new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
              if (rdn.getType().equalsIgnoreCase("CN")) {
                return String.valueOf(rdn.getValue());
              }
            }
          } catch (InvalidNameException e) {
            return "";
          }
          return "";
        };
    http.securityMatcher("/evidence/**")
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .x509(x -> x.x509PrincipalExtractor(commonName).userDetailsService(services))
        .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(READ))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            RecallSecurity.problem(
                                json,
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                ErrorCode.UNKNOWN_CALLER,
                                "Evidence is read over the evidence port with admin's service"
                                    + " certificate."))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            RecallSecurity.problem(
                                json,
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                ErrorCode.CALLER_NOT_AUTHORIZED,
                                "Only admin's service identity reads evidence.")));
    return http.build();
  }
}
