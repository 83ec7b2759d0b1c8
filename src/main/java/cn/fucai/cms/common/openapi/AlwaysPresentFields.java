package cn.fucai.cms.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * In the OpenAPI document, every property of a schema that only answers carry is listed as required: the service
 * writes every field of its records, null included (nullable ones say so), so a generated client may rely on each
 * being present, and a TypeScript client gets {@code title: string}, not {@code title?: string}. Schemas that requests
 * use too are left alone, as are those that already list what is required (such as the problem, which leaves out
 * empty fields).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AlwaysPresentFields implements OASFilter {

    private static final String PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null
                || openAPI.getPaths() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        List<Schema> inAnswers = new ArrayList<>();
        List<Schema> inRequests = new ArrayList<>();
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(path ->
                        path.getOperations().values().forEach(operation -> collect(operation, inAnswers, inRequests)));
        Set<String> answerOnly = reachable(inAnswers, schemas);
        answerOnly.removeAll(reachable(inRequests, schemas));
        for (String name : answerOnly) {
            Schema schema = schemas.get(name);
            if (schema.getProperties() != null
                    && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    private static void collect(Operation operation, List<Schema> inAnswers, List<Schema> inRequests) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation
                    .getResponses()
                    .getAPIResponses()
                    .values()
                    .forEach(response -> addAll(response.getContent(), inAnswers));
        }
        if (operation.getRequestBody() != null) {
            addAll(operation.getRequestBody().getContent(), inRequests);
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getSchema() != null) {
                    inRequests.add(parameter.getSchema());
                }
            }
        }
    }

    private static void addAll(Content content, List<Schema> into) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> {
                if (media.getSchema() != null) {
                    into.add(media.getSchema());
                }
            });
        }
    }

    /** The names of the component schemas these schemas refer to, directly or through others. */
    private static Set<String> reachable(List<Schema> roots, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(PREFIX)) {
                String name = ref.substring(PREFIX.length());
                if (names.add(name) && schemas.containsKey(name)) {
                    todo.push(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                todo.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                todo.push(schema.getAdditionalPropertiesSchema());
            }
            Stream.of(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())
                    .filter(Objects::nonNull)
                    .forEach(todo::addAll);
        }
        return names;
    }
}
