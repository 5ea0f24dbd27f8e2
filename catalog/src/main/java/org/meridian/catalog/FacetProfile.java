package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Stream;

/**
 * The facet fields a node offers ({@code facets=*} in the ESGF API, the web UI's sidebar). Any
 * attribute can be constrained; the profile decides which ones are counted and shown.
 */
public record FacetProfile(List<String> facets) {
    /**
     * CMIP6's facets in the order the web UI shows them. The leading ones are what researchers
     * filter by first; {@code data_node} lets them pick a download site.
     */
    public static final FacetProfile CMIP6 = new FacetProfile(List.of(
            "project", "activity_id", "experiment_id", "source_id", "institution_id", "variable_id",
            "table_id", "frequency", "realm", "grid_label", "member_id", "variant_label",
            "nominal_resolution", "source_type", "sub_experiment_id", "mip_era", "data_node"));

    /**
     * The categorical names the federation's projects use (CMIP6, CMIP5, CORDEX, obs4MIPs,
     * input4MIPs): each takes a few values across a catalog, so they are facets, and a pattern
     * that starts with a wildcard ({@code experiment_id:*hist*}) visits few terms on them.
     */
    public static final List<String> FEDERATION_FACETS = List.of(
            "project", "activity_id", "experiment_id", "source_id", "institution_id", "variable_id", "table_id",
            "frequency", "realm", "grid_label", "member_id", "variant_label", "nominal_resolution", "source_type",
            "sub_experiment_id", "mip_era", "region", "source_version_number", "dataset_version_number",
            "model", "experiment", "ensemble", "time_frequency", "institute", "variable", "cmor_table",
            "product", "domain", "driving_model", "rcm_name", "rcm_version", "source_version", "target_mip",
            "dataset_category", "variable_long_name", "cf_standard_name", "experiment_title",
            "experiment_family", "activity_drs", "variable_units", "model_cohort", "data_specs_version", "access",
            "grid");

    /**
     * Every name the federation's projects use: {@link #FEDERATION_FACETS} and the attributes that
     * are (nearly) unique to each record, such as {@code tracking_id}. They are accepted as
     * constraints whatever this node's profile counts, so a node configured with fewer facets
     * still answers {@code member_id=r1i1p1f1}; a constraint on a name no record has matches
     * nothing rather than failing (ESGF behaviour).
     */
    public static final List<String> FEDERATION_FIELDS = Stream.concat(FEDERATION_FACETS.stream(), Stream.of(
            "further_info_url", "citation_url", "pid", "tracking_id", "xlink", "description", "drs_id",
            "dataset_id_template_", "directory_format_template_", "instance_id", "master_id")).toList();

    public FacetProfile {
        requireNonNull(facets, "facets is null");
        facets = List.copyOf(facets);
        if (facets.isEmpty()) {
            throw new IllegalArgumentException("a facet profile needs at least one facet");
        }
    }

    public boolean offers(String facet) {
        return facets.contains(facet);
    }
}
