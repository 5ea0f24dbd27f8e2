package org.meridian.server.identity;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.ParameterDecoding;
import org.meridian.server.system.ProblemResponses;
import org.meridian.server.system.RequestBodyLimit;
import org.meridian.server.system.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
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
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Pages and files anyone may read; what they show is filtered by the caller's access. */
    private static final String[] PUBLIC_PAGES = {"/", "/search", "/search/facets/*", "/datasets/*", "/login",
        "/setup", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error"};
    /** Read APIs anyone may call; results are filtered by the caller's access inside the index. */
    private static final String[] PUBLIC_APIS = {"/api/v1/search", "/api/v1/records/*", "/api/v1/datasets/*/files",
        "/api/v1/openapi.json", "/esg-search/search", "/esg-search/wget", "/esgf-1-5-bridge",
        "/esgf-1-5-bridge/search", "/actuator/health", "/actuator/health/**"};
    private static final RequestMatcher PUBLIC_API_PATHS = new OrRequestMatcher(
            Arrays.stream(PUBLIC_APIS).map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern)).toList());

    @Bean
    AuditLog auditLog(DataSource dataSource, Clock clock) {
        return new AuditLog(dataSource, clock);
    }

    @Bean
    IdentityService identityService(DataSource dataSource, AuditLog auditLog, MeridianProperties properties,
            Clock clock) {
        return new IdentityService(dataSource, new IdentityStore(dataSource), auditLog, properties.identity(), clock);
    }

    /**
     * Warns at start when the bootstrap account is disabled and no other node administrator can
     * act (disabled by configuration, which cannot check that as the command does): nobody can
     * then administer the node until another is made or the setting is undone.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> administratorsCheck(IdentityService identity) {
        return ready -> {
            if (identity.bootstrapLoginDisabled() && !identity.anotherNodeAdminIsActive()) {
                log.warn("meridian.identity.bootstrap-login is off and no other active node-admin exists: nobody can"
                        + " administer this node (the bootstrap account's password, sessions and tokens are refused)."
                        + " Create another with 'meridian admin create-user --node-admin' (or through SSO), or turn the"
                        + " setting back on.");
            }
        };
    }

    /** A sign-in button per configured identity provider; none while single sign-on is off. */
    @Bean
    SignInPageController.SignInProviders signInProviders(MeridianProperties properties) {
        List<SignInPageController.Provider> providers = properties.identity().sso().providers().stream()
                .map(provider -> new SignInPageController.Provider(provider.name(),
                        "/oauth2/authorization/" + provider.id()))
                .toList();
        return () -> providers;
    }

    @Bean
    TransportPolicy transportPolicy(MeridianProperties properties, Environment environment) {
        return TransportPolicy.of(properties.transport(), environment);
    }

    /** The extra plain-HTTP port that only redirects to the TLS port, when one is configured. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> plainHttpRedirectPort(TransportPolicy transport) {
        return factory -> {
            if (transport.redirectPort() != 0) {
                factory.addAdditionalConnectors(transport.redirectConnector());
            }
        };
    }

    @Bean
    EnvironmentVariables environmentVariables() {
        return EnvironmentVariables.ProcessEnvironment.INSTANCE;
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

    /** The largest request body: a bulk write of 10,000 records fits several times over. */
    private static final long MAX_REQUEST_BODY_BYTES = 64L * 1024 * 1024;

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit() {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(MAX_REQUEST_BODY_BYTES));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ParameterDecoding> parameterDecoding() {
        FilterRegistrationBean<ParameterDecoding> registration = new FilterRegistrationBean<>(new ParameterDecoding());
        // After the body limit (a form body is read to decode it), before Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** The firewall's refusals as problems, not error pages. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return ProblemResponses.rejectedRequests();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityService identity, CallerResolver callers,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
            MeridianProperties properties, EnvironmentVariables environment, TransportPolicy transport) throws Exception {
        UnmappedRequests unmapped = new UnmappedRequests(handlers);
        CallerRules rules = new CallerRules(callers);
        SecurityResponses responses = new SecurityResponses(identity, callers, unmapped);
        transport.applyTo(http);
        MeridianProperties.SingleSignOn sso = properties.identity().sso();
        if (sso.enabled()) {
            singleSignOn(http, new IdentityProviderRegistrations(sso, environment),
                    new SingleSignOnUserService(identity, sso), responses);
        }
        // Added to the chain's own manager (not set as the manager), so single sign-on's
        // providers, which oauth2Login adds the same way, sit beside it.
        http.authenticationProvider(new PasswordAuthenticationProvider(identity))
                .addFilterBefore(new BearerTokenFilter(identity), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_PAGES).permitAll()
                        .requestMatchers(HttpMethod.POST, "/login", "/setup").permitAll()
                        // Single sign-on's start and return; without providers nothing serves them (404).
                        .requestMatchers(HttpMethod.GET, "/oauth2/authorization/*", "/login/oauth2/code/*").permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_APIS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_APIS).permitAll()
                        // Spring MVC answers OPTIONS itself with the methods a path allows.
                        .requestMatchers(HttpMethod.OPTIONS, PUBLIC_APIS).permitAll()
                        .requestMatchers(HttpMethod.POST, "/esg-search/wget").permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout").access(rules.signedIn())
                        .requestMatchers(HttpMethod.POST, "/api/v1/scenarios/models").access(rules.publisher())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/scenarios/models/*").access(rules.publisher())
                        .requestMatchers("/api/v1/scenarios/**", "/scenarios", "/scenarios/**").access(rules.signedIn())
                        .requestMatchers(HttpMethod.POST, "/api/v1/records").access(rules.publisher())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/records/*").access(rules.publisher())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/records", "/api/v1/records/*")
                        .access(rules.publisher())
                        .requestMatchers("/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/*").access(rules.signedIn())
                        // Pages; which organisations an organisation admin may manage, the service decides.
                        .requestMatchers("/account", "/account/**").access(rules.signedIn())
                        .requestMatchers("/admin/users", "/admin/users/**").access(rules.nodeAdmin())
                        .requestMatchers("/admin/organisations", "/admin/organisations/**").access(rules.organisationAdmin())
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
                        // A read API called with a method nothing serves changes nothing, so there is
                        // nothing to forge: MVC answers 405. Limited to the read APIs because sign-in
                        // and sign-out are served by security filters, which MVC does not know.
                        .ignoringRequestMatchers(request -> PUBLIC_API_PATHS.matches(request) && !unmapped.served(request))
                        .ignoringRequestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/esg-search/wget")))
                .requestCache(cache -> cache.requestCache(responses.pagesAskedFor()))
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

    /**
     * OpenID Connect sign-in: {@code /oauth2/authorization/<id>} sends the browser to the provider,
     * {@code /login/oauth2/code/<id>} takes it back. Every failure, including a provider that
     * cannot be reached, goes to the same handler: audited, then the sign-in page with a reason.
     */
    private static void singleSignOn(HttpSecurity http, IdentityProviderRegistrations registrations,
            SingleSignOnUserService users, SecurityResponses responses) throws Exception {
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                // The access token is not used after sign-in; keep it with the session, not in a
                // node-wide map that grows with every user.
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                .successHandler(responses::loginSucceeded)
                .failureHandler(responses::singleSignOnFailed)
                // oauth2Login leaves the redirect filter's failures at a bare 500 (discovery
                // failing, an unknown provider id); route them to the same handler.
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(responses::singleSignOnFailed);
                        return filter;
                    }
                }));
    }
}
