package cn.fucai.cms.bench;

import cn.fucai.cms.common.cache.ResponseCacheFilter;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's constant: a fixed JSON answer that takes the path every API read takes (security, limits, request
 * log, serialisation, the ETag hash, compression) but never comes from the response cache, so that a computed read
 * divided by it says what the computing costs. Off unless CMS_BENCH_CONSTANT=true, and not in the OpenAPI document.
 */
@Path("/api/v1/bench/constant")
public class BenchConstantResource {

    /** About the size of the API index, GET /api/v1. */
    record Constant(String service, String version, String answer, long number) {}

    private static final Constant CONSTANT =
            new Constant("welfare-lottery-cms", "v1", "the same answer every time, computed every time", 42);

    @Inject
    BenchConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Constant constant(@Context ContainerRequestContext request) {
        if (!config.constant()) {
            throw new ResourceNotFoundException("bench constant", "(CMS_BENCH_CONSTANT is off)");
        }
        ResponseCacheFilter.keepOut(request);
        return CONSTANT;
    }
}
