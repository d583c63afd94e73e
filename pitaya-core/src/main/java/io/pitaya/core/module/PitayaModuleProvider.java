package io.pitaya.core.module;

import java.util.Optional;

/**
 * A module shipped outside the core (cluster mode), found as a CDI bean so that the core needs none of its libraries.
 * Asked once when the server starts; empty when its configuration leaves it off.
 */
public interface PitayaModuleProvider {

    Optional<PitayaModule> create(ModuleContext context);
}
