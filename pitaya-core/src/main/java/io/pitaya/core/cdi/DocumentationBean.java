package io.pitaya.core.cdi;

import io.pitaya.api.docs.Documentation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** {@link Documentation} for injection: this server's route table, available once the server has started. */
@ApplicationScoped
public class DocumentationBean implements Documentation {

    @Inject
    PitayaBeans beans;

    @Override
    public Map<String, Object> documentation(boolean withTypeNames) {
        return beans.documentation().documentation(withTypeNames);
    }

    @Override
    public String documentationJson(boolean withTypeNames) {
        return beans.documentation().documentationJson(withTypeNames);
    }

    @Override
    public Optional<byte[]> descriptor(String protoName) {
        return beans.documentation().descriptor(protoName);
    }
}
