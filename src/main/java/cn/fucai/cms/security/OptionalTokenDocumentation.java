package cn.fucai.cms.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * In the OpenAPI document, an operation without a role requirement is one that anyone may call, and a token widens
 * what it shows (drafts, for those who may read them): its security is "none or apiToken", said explicitly, so that
 * linters and client generators do not read it as undocumented.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OptionalTokenDocumentation implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(List.of(
                    OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme("apiToken")));
        }
        return operation;
    }
}
