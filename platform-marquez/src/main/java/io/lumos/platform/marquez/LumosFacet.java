package io.lumos.platform.marquez;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Our custom facet (dataset, job or run): what OpenLineage has no standard facet for. */
@JsonPropertyOrder({"_producer", "_schemaURL"})
public final class LumosFacet implements OpenLineage.DatasetFacet, OpenLineage.JobFacet, OpenLineage.RunFacet {
    private final URI producer;
    private final URI schemaUrl;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public LumosFacet(URI producer, URI schemaUrl) {
        this.producer = producer;
        this.schemaUrl = schemaUrl;
    }

    @Override
    @JsonProperty("_producer")
    public URI get_producer() {
        return producer;
    }

    @Override
    @JsonProperty("_schemaURL")
    public URI get_schemaURL() {
        return schemaUrl;
    }

    @Override
    @JsonIgnore
    public Boolean get_deleted() {
        return null;
    }

    @Override
    @JsonIgnore
    public Boolean isDeleted() {
        return null;
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return properties;
    }
}
