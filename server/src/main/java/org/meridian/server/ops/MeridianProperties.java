package org.meridian.server.ops;

import static java.util.Objects.requireNonNull;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 */
@Validated
@ConfigurationProperties("meridian")
public record MeridianProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @NotNull @DefaultValue Node node,
        @Valid @NotNull @DefaultValue Database database,
        @Valid @NotNull @DefaultValue Search search,
        @Valid @NotNull @DefaultValue Indexer indexer,
        @Valid @NotNull @DefaultValue Identity identity) {

    public MeridianProperties {
        requireNonNull(dataDir, "dataDir is null");
    }

    /**
     * @param hostname public host name of this index node; ESGF clients compare it to the URL
     *     they called ({@code index_node})
     * @param publicUrl the address people use to reach this node, for links the node hands out
     */
    public record Node(@NotBlank @DefaultValue("localhost") String hostname,
            @NotBlank @DefaultValue("http://localhost:8080") String publicUrl) {
    }

    /**
     * @param url JDBC URL; empty means the embedded H2 file database under {@code <data-dir>/db}
     * @param user database user
     * @param poolSize connections kept open
     */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("sa") String user,
            @Positive @DefaultValue("8") int poolSize) {
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
     */
    public record Indexer(
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @Positive @DefaultValue("5000") int batchSize,
            @NotNull @DefaultValue("5s") Duration commitInterval) {
    }

    /**
     * @param bootstrapLogin whether the bootstrap account created from the command line may
     *     still sign in with its password (also switched off by {@code meridian admin
     *     disable-bootstrap})
     * @param minPasswordLength shortest accepted local password
     * @param lockoutThreshold consecutive failed logins that lock an account
     * @param lockoutDuration how long a locked account stays locked
     * @param maxTokenLifetime longest lifetime an API token may be given
     * @param setupLinkLifetime how long a one-time password setup link stays valid
     */
    public record Identity(
            @DefaultValue("true") boolean bootstrapLogin,
            @Min(8) @DefaultValue("12") int minPasswordLength,
            @Positive @DefaultValue("5") int lockoutThreshold,
            @NotNull @DefaultValue("15m") Duration lockoutDuration,
            @NotNull @DefaultValue("365d") Duration maxTokenLifetime,
            @NotNull @DefaultValue("24h") Duration setupLinkLifetime) {
    }
}
