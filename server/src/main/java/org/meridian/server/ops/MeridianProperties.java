package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.meridian.server.identity.OrgRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The node's configuration under {@code meridian.*}, bound and validated once at start. Layers
 * (later wins): built-in defaults, {@code meridian.yaml}, {@code meridian-<environment>.yaml},
 * environment variables ({@code MERIDIAN_DATA_DIR}), command-line flags.
 *
 * @param dataDir where the database, index and file store live
 * @param node this node's identity as peers and clients see it
 * @param database where the catalog's system of record lives
 * @param search search settings
 * @param indexer how the indexer follows the change log
 * @param identity accounts, login and token policy
 * @param transport how the node treats requests that did not arrive over TLS
 */
// Unknown settings are refused rather than ignored: a misspelt name would otherwise silently
// keep its default, and a client secret written into a file would be accepted without a word.
// Environment variables are exempt (Boot does not check them), so MERIDIAN_* secrets named by
// client-secret-env do not trip this.
@Validated
@ConfigurationProperties(prefix = "meridian", ignoreUnknownFields = false)
public record MeridianProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @NotNull @DefaultValue Node node,
        @Valid @NotNull @DefaultValue Database database,
        @Valid @NotNull @DefaultValue Search search,
        @Valid @NotNull @DefaultValue Indexer indexer,
        @Valid @NotNull @DefaultValue Identity identity,
        @Valid @NotNull @DefaultValue Transport transport) {

    public MeridianProperties {
        requireNonNull(dataDir, "dataDir is null");
    }

    /**
     * @param hostname public host name of this index node; ESGF clients compare it to the URL
     *     they called ({@code index_node})
     * @param publicUrl the address people use to reach this node, for links the node hands out;
     *     empty for the address each request came to (on the command line, which has no request,
     *     {@code http://localhost:<server.port>})
     */
    public record Node(@NotBlank @DefaultValue("localhost") String hostname,
            @Pattern(regexp = "|https?://\\S+", message = "must be an http:// or https:// URL, or empty")
            @DefaultValue("") String publicUrl) {

        /** The configured public URL, or {@code reachedAt} when none is configured. */
        public String publicUrlOr(String reachedAt) {
            return publicUrl.isEmpty() ? reachedAt : publicUrl;
        }
    }

    /**
     * @param url JDBC URL; empty means the embedded H2 file database under {@code <data-dir>/db}
     * @param user database user
     * @param passwordEnv the environment variable holding the database password (passwords
     *     are never read from configuration files); empty for none, as the embedded H2 file has
     * @param poolSize connections kept open; at least two, as a schema upgrade at start holds two
     */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("sa") String user,
            @Pattern(regexp = "|[A-Z_][A-Z0-9_]*", message = "must name an environment variable (A-Z, 0-9, '_')")
            @DefaultValue("") String passwordEnv,
            @Min(value = 2, message = "must be at least 2: a schema upgrade at start holds two connections")
            @DefaultValue("8") int poolSize) {
    }

    /** @param facets the facet profile: fields counted for {@code facets=*} and shown in the UI */
    public record Search(@NotEmpty @DefaultValue({"project", "activity_id", "experiment_id", "source_id",
            "institution_id", "variable_id", "table_id", "frequency", "realm", "grid_label", "member_id",
            "variant_label", "nominal_resolution", "source_type", "sub_experiment_id", "mip_era", "data_node"})
            List<String> facets) {
    }

    /**
     * @param pollInterval how often the indexer looks for changes written by other processes
     * @param batchSize changes applied per index batch
     * @param commitInterval longest time applied changes wait before a durable index commit
     * @param refreshInterval longest time applied changes wait before they are searchable; a
     *     write to an idle node is searchable at once, a bulk load refreshes about this often
     */
    public record Indexer(
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @Positive @DefaultValue("5000") int batchSize,
            @NotNull @DefaultValue("5s") Duration commitInterval,
            @NotNull @DefaultValue("1s") Duration refreshInterval) {
    }

    /**
     * TLS itself is Spring Boot's {@code server.ssl.*} (or a proxy in front that sets
     * {@code X-Forwarded-Proto}, with {@code server.forward-headers-strategy: native}); these
     * say what a request that did not arrive over TLS gets.
     *
     * @param plainHttp {@code allow}, {@code redirect} (to the same URL over https) or
     *     {@code refuse} (403 problem); anything but {@code allow} needs TLS or a proxy
     * @param redirectPort an extra plain-HTTP port that only redirects to the TLS port, so
     *     {@code http://} bookmarks keep working; 0 for none; needs {@code server.ssl}
     */
    public record Transport(
            @NotNull @DefaultValue("allow") PlainHttp plainHttp,
            @Min(0) @Max(65535) @DefaultValue("0") int redirectPort) {
    }

    /** What a request that did not arrive over TLS gets. */
    public enum PlainHttp {
        ALLOW,
        REDIRECT,
        REFUSE
    }

    /**
     * @param bootstrapLogin whether the bootstrap account created from the command line may
     *     still act: sign in with its password, keep its sessions, use its API tokens (also
     *     switched off by {@code meridian admin disable-bootstrap}, which first checks that
     *     another node administrator exists)
     * @param minPasswordLength shortest accepted local password
     * @param lockoutThreshold consecutive failed logins that lock an account
     * @param lockoutDuration how long a locked account stays locked
     * @param maxTokenLifetime longest lifetime an API token may be given
     * @param setupLinkLifetime how long a one-time password setup link stays valid
     * @param sso single sign-on through OpenID Connect identity providers
     */
    public record Identity(
            @DefaultValue("true") boolean bootstrapLogin,
            @Min(8) @DefaultValue("12") int minPasswordLength,
            @Positive @DefaultValue("5") int lockoutThreshold,
            @NotNull @DefaultValue("15m") Duration lockoutDuration,
            @NotNull @DefaultValue("365d") Duration maxTokenLifetime,
            @NotNull @DefaultValue("24h") Duration setupLinkLifetime,
            @Valid @NotNull @DefaultValue SingleSignOn sso) {
    }

    /**
     * Single sign-on. Off while {@code providers} is empty.
     *
     * @param trustedIssuers issuer URLs whose ID tokens this node accepts; every provider's
     *     issuer must be one of them, and a token whose {@code iss} is not is refused
     * @param providers the identity providers offered on the sign-in page
     */
    public record SingleSignOn(
            @NotNull @DefaultValue({}) List<@NotNull URI> trustedIssuers,
            @Valid @NotNull @DefaultValue({}) List<@NotNull IdentityProvider> providers) {
        private static final String PREFIX = "meridian.identity.sso.";

        // Rules across settings are checked here; Bean Validation reports the per-field ones.
        public SingleSignOn {
            trustedIssuers = trustedIssuers == null ? List.of() : List.copyOf(trustedIssuers);
            providers = providers == null ? List.of() : List.copyOf(providers);
            for (int index = 0; index < trustedIssuers.size(); index++) {
                checkIssuer(PREFIX + "trusted-issuers[" + index + "]", trustedIssuers.get(index));
            }
            Set<String> ids = new HashSet<>();
            for (int index = 0; index < providers.size(); index++) {
                IdentityProvider provider = providers.get(index);
                String name = PREFIX + "providers[" + index + "].";
                if (provider.id() != null && !ids.add(provider.id())) {
                    throw new InvalidSetting(name + "id", "'" + provider.id() + "' is used by another provider");
                }
                if (provider.issuerUri() != null) {
                    checkIssuer(name + "issuer-uri", provider.issuerUri());
                    if (!trustedIssuers.contains(provider.issuerUri())) {
                        throw new InvalidSetting(name + "issuer-uri", "'" + provider.issuerUri()
                                + "' is not one of " + PREFIX + "trusted-issuers " + trustedIssuers
                                + "; add it there if this provider is to be trusted");
                    }
                }
            }
        }

        /** Issuers are compared as exact strings (OpenID Connect Discovery 1.0, section 4.3). */
        private static void checkIssuer(String name, URI issuer) {
            boolean loopback = "127.0.0.1".equals(issuer.getHost()) || "localhost".equals(issuer.getHost())
                    || "[::1]".equals(issuer.getHost());
            boolean secure = "https".equals(issuer.getScheme()) || "http".equals(issuer.getScheme()) && loopback;
            if (!secure || issuer.getHost() == null || issuer.getQuery() != null || issuer.getFragment() != null) {
                throw new InvalidSetting(name, "'" + issuer + "' must be an https URL without query or fragment"
                        + " (http is accepted for localhost only)");
            }
        }

        public boolean enabled() {
            return !providers.isEmpty();
        }

        public boolean trusts(String issuer) {
            return trustedIssuers.stream().anyMatch(trusted -> trusted.toString().equals(issuer));
        }
    }

    /**
     * One OpenID Connect identity provider; its endpoints and keys come from its discovery
     * document. The client secret is never written in a file: the node reads it from the
     * environment variable named by {@code clientSecretEnv}.
     *
     * @param id short name, part of the node's URLs ({@code /oauth2/authorization/<id>})
     * @param name what the sign-in button says ("Sign in with <name>")
     * @param issuerUri the provider's issuer URL, as in its ID tokens' {@code iss}
     * @param clientId this node's client id at the provider
     * @param clientSecretEnv the environment variable holding the client secret
     * @param groupClaim the claim listing the user's groups
     * @param groupMappings which organisation roles members of a group receive
     */
    public record IdentityProvider(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "must be 1-32 lower-case letters, digits or '-'")
            String id,
            @NotBlank String name,
            @NotNull URI issuerUri,
            @NotBlank String clientId,
            @NotNull(message = "must name the environment variable holding the client secret"
                    + " (secrets are never read from configuration files)")
            @Pattern(regexp = "[A-Z_][A-Z0-9_]*", message = "must name an environment variable (A-Z, 0-9, '_')")
            String clientSecretEnv,
            @NotBlank @DefaultValue("groups") String groupClaim,
            @Valid @NotNull @DefaultValue({}) List<@NotNull GroupMapping> groupMappings) {
        public IdentityProvider {
            groupMappings = groupMappings == null ? List.of() : List.copyOf(groupMappings);
        }
    }

    /**
     * Members of {@code group} at the provider hold {@code role} in {@code organisation} here,
     * for as long as the provider says so at each sign-in.
     */
    public record GroupMapping(
            @NotBlank String group,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}", message = "must be an organisation id") String organisation,
            @NotNull OrgRole role) {
    }
}
