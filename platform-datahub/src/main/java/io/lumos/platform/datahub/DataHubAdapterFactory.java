package io.lumos.platform.datahub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.util.EnumSet;
import java.util.Set;

/** {@code platform: datahub}: writes to GMS (REST batches), an MCP file or Kafka, and reads GMS back. */
public final class DataHubAdapterFactory implements CatalogAdapterFactory {
    @Override
    public String name() {
        return "datahub";
    }

    @Override
    public String description() {
        return "DataHub: GMS REST (batched), MCP file for `datahub ingest`, or Kafka; reads back from GMS";
    }

    @Override
    public Set<String> settingNames() {
        return DataHubSettings.KEYS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(
                Capability.WRITE,
                Capability.LINEAGE,
                Capability.COLUMN_LINEAGE,
                Capability.OWNERSHIP,
                Capability.DELETE,
                Capability.PRODUCTS,
                Capability.LIFECYCLE,
                Capability.READ,
                Capability.SEARCH,
                Capability.LINEAGE_READ,
                Capability.EXPORT,
                Capability.ASSERTION_EVENTS);
    }

    @Override
    public CatalogAdapter create(Settings settings, PluginContext context) {
        return new DataHubAdapter(DataHubSettings.from(settings, context), context, new ObjectMapper());
    }
}
