package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.meridian.server.ops.EnvironmentVariables;
import org.meridian.server.ops.InvalidSetting;
import org.meridian.server.ops.MeridianProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * Spring Security's client registrations for the configured identity providers.
 *
 * <p>Client secrets are read from the environment when the node starts, so a missing one stops
 * the start with the parameter's name. The providers' discovery documents are fetched on first
 * use instead, not at start: a node whose identity provider is down still starts and serves
 * search, and sign-in through that provider works as soon as it is back. A failed discovery is
 * not remembered, so the next sign-in attempt tries again; a successful one is kept for the
 * node's lifetime (restart the node to pick up rotated endpoints; signing keys are fetched by
 * the token decoder, which follows the provider's key rotation on its own).
 */
final class IdentityProviderRegistrations implements ClientRegistrationRepository {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityProviderRegistrations.class);
    private static final List<String> SCOPES = List.of("openid", "profile", "email");

    private record Client(MeridianProperties.IdentityProvider provider, String secret) {
    }

    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

    IdentityProviderRegistrations(MeridianProperties.SingleSignOn sso, EnvironmentVariables environment) {
        requireNonNull(environment, "environment is null");
        List<MeridianProperties.IdentityProvider> providers = sso.providers();
        for (int index = 0; index < providers.size(); index++) {
            MeridianProperties.IdentityProvider provider = providers.get(index);
            String parameter = "meridian.identity.sso.providers[" + index + "].client-secret-env";
            String secret = environment.get(provider.clientSecretEnv()).orElseThrow(() -> new InvalidSetting(parameter,
                    "environment variable " + provider.clientSecretEnv() + " is not set; it must hold the client"
                            + " secret for identity provider '" + provider.id() + "'"));
            clients.put(provider.id(), new Client(provider, secret));
        }
    }

    /**
     * The registration for a configured provider, discovering its endpoints if this is the first
     * use; {@code null} for an id that is not configured (the interface's contract).
     *
     * @throws ProviderUnavailable if the provider's discovery document cannot be fetched or is wrong
     */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        Client client = clients.get(registrationId);
        if (client == null) {
            return null;
        }
        ClientRegistration registration = discovered.get(registrationId);
        if (registration == null) {
            // Not computeIfAbsent: a slow provider would hold the map's lock for other lookups.
            // Two concurrent first sign-ins may both fetch the document; either result is right.
            registration = discover(client);
            discovered.putIfAbsent(registrationId, registration);
        }
        return registration;
    }

    private static ClientRegistration discover(Client client) {
        MeridianProperties.IdentityProvider provider = client.provider();
        try {
            ClientRegistration registration = ClientRegistrations.fromOidcIssuerLocation(provider.issuerUri().toString())
                    .registrationId(provider.id())
                    .clientName(provider.name())
                    .clientId(provider.clientId())
                    .clientSecret(client.secret())
                    .scope(SCOPES)
                    .build();
            LOG.info("Identity provider '{}' discovered at {}", provider.id(), provider.issuerUri());
            return registration;
        } catch (RuntimeException e) {
            // Recovered on purpose: the sign-in attempt fails with a page saying so, and the next
            // attempt tries again. Spring reports unreachable hosts and wrong documents alike.
            LOG.warn("Identity provider '{}' at {} could not be discovered: {}", provider.id(), provider.issuerUri(),
                    e.getMessage());
            throw new ProviderUnavailable(provider.id(), e);
        }
    }

    /** A configured provider whose discovery document could not be fetched or did not fit. */
    static final class ProviderUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProviderUnavailable(String providerId, Throwable cause) {
            super("identity provider '" + providerId + "' is unavailable: " + cause.getMessage(), cause);
        }
    }
}
