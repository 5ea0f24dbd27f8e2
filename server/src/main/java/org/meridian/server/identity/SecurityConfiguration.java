package org.meridian.server.identity;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.RequestIds;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The node's one security filter chain. Authorisation is deny-by-default: every path a handler
 * serves needs a rule here (the authorisation matrix test enumerates the handlers to prove it),
 * and anything without one is refused. Rules here are coarse (signed in, node-admin, auditor);
 * organisation-level decisions (is the caller a publisher of the record's organisation?) are
 * made by each feature's service, which also audits refusals.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {
    /** Pages and files anyone may read; what they show is filtered by the caller's access. */
    private static final String[] PUBLIC_PAGES = {"/", "/search", "/search/facets/*", "/datasets/*", "/login",
        "/setup", "/css/**", "/webjars/**", "/favicon.ico", "/error"};
    /** Read APIs anyone may call; results are filtered by the caller's access inside the index. */
    private static final String[] PUBLIC_APIS = {"/api/v1/search", "/api/v1/records/*", "/api/v1/datasets/*/files",
        "/api/v1/openapi.json", "/esg-search/search", "/esg-search/wget", "/esgf-1-5-bridge",
        "/esgf-1-5-bridge/search", "/actuator/health", "/actuator/health/**"};

    @Bean
    AuditLog auditLog(DataSource dataSource, Clock clock) {
        return new AuditLog(dataSource, clock);
    }

    @Bean
    IdentityService identityService(DataSource dataSource, AuditLog auditLog, MeridianProperties properties,
            Clock clock) {
        return new IdentityService(dataSource, new IdentityStore(dataSource), auditLog, properties.identity(), clock);
    }

    /** No identity providers until single sign-on is configured. */
    @Bean
    SignInPageController.SignInProviders signInProviders() {
        return List::of;
    }

    @Bean
    CallerResolver callerResolver(IdentityService identity) {
        return new CallerResolver(identity);
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        // Before Spring Security's chain (order -100), so refusals carry a request id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityService identity, CallerResolver callers,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) throws Exception {
        UnmappedRequests unmapped = new UnmappedRequests(handlers);
        CallerRules rules = new CallerRules(callers);
        SecurityResponses responses = new SecurityResponses(identity, callers);
        http.authenticationManager(new ProviderManager(new PasswordAuthenticationProvider(identity)))
                .addFilterBefore(new BearerTokenFilter(identity), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll()
                        .requestMatchers(HttpMethod.POST, "/login", "/setup").permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_APIS).permitAll()
                        .requestMatchers(HttpMethod.POST, "/esg-search/wget").permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout").access(rules.signedIn())
                        .requestMatchers("/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/*").access(rules.signedIn())
                        .requestMatchers(HttpMethod.GET, "/api/v1/organisations").access(rules.signedIn())
                        .requestMatchers("/api/v1/organisations/*/members", "/api/v1/organisations/*/members/**")
                        .access(rules.signedIn())
                        .requestMatchers("/api/v1/organisations", "/api/v1/users", "/api/v1/users/**")
                        .access(rules.nodeAdmin())
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit/verify", "/audit")
                        .access(rules.auditor())
                        .requestMatchers("/actuator/**").access(rules.nodeAdmin())
                        .anyRequest().access(unmapped.permitUnmappedDenyRest()))
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(responses::loginSucceeded)
                        .failureHandler(responses::loginFailed))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .addLogoutHandler(responses::loggingOut)
                        .logoutSuccessUrl("/"))
                .csrf(csrf -> csrf
                        // A bearer token is sent deliberately by a program, never attached by a
                        // browser, so it cannot be forged cross-site; wget POSTs change nothing.
                        .ignoringRequestMatchers(BearerTokenFilter::hasBearer)
                        .ignoringRequestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/esg-search/wget")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(responses::authenticationRequired)
                        .accessDeniedHandler(responses::accessDenied))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
                                        + " form-action 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }
}
