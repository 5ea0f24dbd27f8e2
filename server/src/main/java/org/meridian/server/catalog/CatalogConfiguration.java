package org.meridian.server.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.meridian.catalog.RecordType;
import org.meridian.catalog.Stage;
import org.meridian.catalog.search.SearchIndex;
import org.meridian.index.lucene.LuceneSearchIndex;
import org.meridian.server.ops.DataDirectoryLock;
import org.meridian.server.ops.MeridianProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the catalog's storage stack into the node: the node takes the data-directory lock (it
 * owns the index), opens storage, follows the change log and serves rebuild requests.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean(destroyMethod = "close")
    CatalogStorage catalogStorage(DataDirectoryLock lock, DataSource dataSource, MeridianProperties properties,
            Clock clock, MeterRegistry meters) {
        CatalogStorage storage = CatalogStorage.open(dataSource, properties.dataDir(),
                path -> LuceneSearchIndex.open(path, clock), CatalogIndexer.Settings.of(properties.indexer()), clock, meters);
        storage.indexer().start();
        registerGauges(storage, meters);
        return storage;
    }

    /** The live index every API searches; closed by {@link CatalogStorage}, not here. */
    @Bean(destroyMethod = "")
    SearchIndex searchIndex(CatalogStorage storage) {
        return storage.index();
    }

    @Bean(destroyMethod = "")
    CatalogIngest catalogIngest(CatalogStorage storage) {
        return storage.ingest();
    }

    @Bean(destroyMethod = "")
    CatalogStore catalogStore(CatalogStorage storage) {
        return storage.store();
    }

    @Bean(destroyMethod = "close")
    IndexRebuildWatcher indexRebuildWatcher(DataSource dataSource, CatalogStorage storage,
            MeridianProperties properties, Clock clock) {
        IndexRebuildWatcher watcher = new IndexRebuildWatcher(new IndexRebuildRequests(dataSource, clock),
                storage.indexer(), storage.index(), properties.indexer().pollInterval());
        watcher.start();
        return watcher;
    }

    private static void registerGauges(CatalogStorage storage, MeterRegistry meters) {
        for (RecordType type : RecordType.values()) {
            Gauge.builder("meridian.records", storage,
                            s -> s.index().countByType(Stage.PRODUCTION).getOrDefault(type, 0L))
                    .description("Records in production, by type")
                    .tag("type", type.label())
                    .register(meters);
        }
        Gauge.builder("meridian.index.lag", storage, s -> s.indexer().lag())
                .description("Changes committed to the catalog but not yet searchable (log head minus applied sequence)")
                .register(meters);
        Gauge.builder("meridian.index.applied.sequence", storage, s -> s.index().appliedSequence())
                .description("Sequence of the last change the search index holds")
                .register(meters);
    }
}
