package io.pitaya.it;

import io.pitaya.it.custom.UpperCaseSerializer;
import io.pitaya.it.protobuf.ProtoTestService;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The deployments of the serializer, dictionary and compression tests: the real EAR plus one test library with
 * its own settings (config_ordinal 500 wins over the chat demo's file).
 */
final class SerializerDeployments {

    private static final String COMMON = "config_ordinal=500\npitaya.server.type=connector\n";

    private SerializerDeployments() {
    }

    /** Pitaya's e2e handlers with protobuf messages; {@code pitaya.serializertype=2}. */
    static EnterpriseArchive protobuf() {
        return withApp("pitaya-it-protobuf-app.jar", ProtoTestService.class.getPackage(),
                COMMON + "pitaya.serializertype=2\n");
    }

    /**
     * JSON handlers with a route dictionary from {@code pitaya.handler.dictionary} and compression on
     * (the default).
     */
    static EnterpriseArchive dictionary() {
        return withApp("pitaya-it-dict-app.jar", io.pitaya.it.dict.DictService.class.getPackage(),
                COMMON + "pitaya.handler.dictionary=" + DictionaryCompressionTests.DICTIONARY + "\n");
    }

    /** A custom serializer bean selected with {@code pitaya.serializer}, and a dictionary from a CDI producer. */
    static EnterpriseArchive customSerializer() {
        return withApp("pitaya-it-custom-app.jar", UpperCaseSerializer.class.getPackage(),
                COMMON + "pitaya.serializer=upper\n");
    }

    /** A deployment whose settings must fail it. */
    static EnterpriseArchive invalid(String settings) {
        return withApp("pitaya-it-dict-app.jar", io.pitaya.it.dict.DictService.class.getPackage(), COMMON + settings + "\n");
    }

    private static EnterpriseArchive withApp(String name, Package pkg, String settings) {
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, name)
                .addPackage(pkg)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset(settings), "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }
}
