package io.pitaya.it.hardening;

import shark.CloseableHeapGraph;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HeapValue;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a heap dump keeps strongly reachable: a breadth-first walk from the GC roots that follows fields, array
 * elements, each object's class and each class's loader, but not {@code Reference.referent} (soft and weak caches
 * such as the JDK's bean-introspection cache let go under memory pressure, so they are no leak).
 *
 * <p>Roots that are a jboss-threads pool task held in an idle pool thread's stack frame are left out: a WildFly pool
 * thread (Undertow's {@code default task-*}, the JCA {@code default-threads-*}) keeps the last task it ran as a local
 * until it runs the next one. That is the server's, not the application's, and it lets go on the thread's next task.
 * The same walk is only sound once no thread still runs application code (the caller checks that first).
 */
public final class HeapRetention {

    /** The last task an idle jboss-threads pool thread ran, kept as a local in its run loop. */
    static final String IDLE_POOL_TASK = "org.jboss.threads.EnhancedQueueExecutor$Task";
    private static final String MODULE_LOADER = "org.jboss.modules.ModuleClassLoader";
    private static final long ROOT = -1;

    private final HeapGraph graph;
    private final Map<Long, Long> parent = new HashMap<>();
    private final Map<Long, String> via = new HashMap<>();

    private HeapRetention(HeapGraph graph) {
        this.graph = graph;
    }

    /**
     * The shortest strong path from the GC roots to each module class loader whose module name {@code wantedLoaderName}
     * accepts, and to each instance of {@code wantedClass} loaded by one of them (other deployments' are not counted).
     */
    public static Result retained(Path hprof, Predicate<String> wantedLoaderName, String wantedClass) throws IOException {
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(hprof.toFile(), null,
                HprofRecordTag.Companion.getRootTags())) {
            HeapRetention walk = new HeapRetention(graph);
            walk.walk();
            List<String> paths = new ArrayList<>();
            int inHeap = 0;
            for (Iterator<HeapObject.HeapInstance> it = graph.getInstances().iterator(); it.hasNext(); ) {
                HeapObject.HeapInstance instance = it.next();
                boolean wanted = instance.getInstanceClassName().equals(wantedClass)
                                && loadedBy(instance.getInstanceClass(), wantedLoaderName)
                        || instance.instanceOf(MODULE_LOADER) && wantedLoaderName.test(moduleName(instance));
                if (wanted) {
                    inHeap++;
                    if (walk.parent.containsKey(instance.getObjectId())) {
                        paths.add(walk.pathTo(instance.getObjectId()));
                    }
                }
            }
            return new Result(inHeap, paths);
        } catch (RuntimeException e) {
            throw new IOException("cannot read heap dump " + hprof, e);
        }
    }

    /**
     * @param inHeap      the wanted objects in the dump, however reachable (softly, weakly, by an idle pool task)
     * @param strongPaths the shortest strong path to each of them that is strongly reachable
     */
    public record Result(int inHeap, List<String> strongPaths) {
    }

    private void walk() {
        ArrayDeque<Long> queue = new ArrayDeque<>();
        for (GcRoot root : graph.getGcRoots()) {
            HeapObject object = graph.findObjectByIdOrNull(root.getId());
            if (object == null || parent.containsKey(object.getObjectId())) {
                continue;
            }
            if (root instanceof GcRoot.JavaFrame && object instanceof HeapObject.HeapInstance task
                    && task.getInstanceClassName().equals(IDLE_POOL_TASK)) {
                continue;
            }
            parent.put(object.getObjectId(), ROOT);
            via.put(object.getObjectId(), "root " + root.getClass().getSimpleName());
            queue.add(object.getObjectId());
        }
        HeapObject.HeapClass reference = graph.findClassByName("java.lang.ref.Reference");
        while (!queue.isEmpty()) {
            long id = queue.poll();
            HeapObject object = graph.findObjectById(id);
            if (object instanceof HeapObject.HeapInstance instance) {
                boolean isReference = reference != null && instance.instanceOf(reference);
                for (Iterator<HeapField> it = instance.readFields().iterator(); it.hasNext(); ) {
                    HeapField field = it.next();
                    if (!(isReference && field.getName().equals("referent"))) {
                        visit(queue, id, field.getValue(), "." + field.getName());
                    }
                }
                visit(queue, id, instance.getInstanceClassId(), ".<class>");
            } else if (object instanceof HeapObject.HeapClass type) {
                for (Iterator<HeapField> it = type.readStaticFields().iterator(); it.hasNext(); ) {
                    HeapField field = it.next();
                    visit(queue, id, field.getValue(), ".static " + field.getName());
                }
                visit(queue, id, type.readRecord().getClassLoaderId(), ".<loader>");
            } else if (object instanceof HeapObject.HeapObjectArray array) {
                int index = 0;
                for (Iterator<HeapValue> it = array.readElements().iterator(); it.hasNext(); index++) {
                    visit(queue, id, it.next(), "[" + index + "]");
                }
            }
        }
    }

    private void visit(ArrayDeque<Long> queue, long from, HeapValue value, String edge) {
        Long target = value.getAsNonNullObjectId();
        if (target != null) {
            visit(queue, from, target, edge);
        }
    }

    private void visit(ArrayDeque<Long> queue, long from, long target, String edge) {
        HeapObject object = target == 0 ? null : graph.findObjectByIdOrNull(target);
        if (object != null && !parent.containsKey(object.getObjectId())) {
            parent.put(object.getObjectId(), from);
            via.put(object.getObjectId(), edge);
            queue.add(object.getObjectId());
        }
    }

    private String pathTo(long id) {
        List<String> steps = new ArrayList<>();
        for (long at = id; at != ROOT; at = parent.get(at)) {
            steps.add(describe(graph.findObjectById(at)) + " (" + via.get(at) + ")");
        }
        Collections.reverse(steps);
        return String.join("\n  -> ", steps);
    }

    private static String describe(HeapObject object) {
        if (object instanceof HeapObject.HeapClass type) {
            return "class " + type.getName();
        }
        if (object instanceof HeapObject.HeapObjectArray array) {
            return array.getArrayClassName();
        }
        HeapObject.HeapInstance instance = (HeapObject.HeapInstance) object;
        String text = instance.getInstanceClassName();
        if (instance.instanceOf("java.lang.Thread")) {
            text += " \"" + instance.get("java.lang.Thread", "name").getValue().readAsJavaString() + "\"";
        } else if (instance.instanceOf(MODULE_LOADER)) {
            text += " " + moduleName(instance);
        }
        return text;
    }

    /** Whether {@code type} was loaded by a module class loader whose name {@code wantedLoaderName} accepts. */
    private static boolean loadedBy(HeapObject.HeapClass type, Predicate<String> wantedLoaderName) {
        long loaderId = type.readRecord().getClassLoaderId();
        HeapObject loader = loaderId == 0 ? null : type.getGraph().findObjectByIdOrNull(loaderId);
        return loader instanceof HeapObject.HeapInstance instance && instance.instanceOf(MODULE_LOADER)
                && wantedLoaderName.test(moduleName(instance));
    }

    /** The name of the module a jboss-modules class loader belongs to, e.g. {@code deployment.pitaya.ear}. */
    private static String moduleName(HeapObject.HeapInstance loader) {
        HeapField module = loader.get(MODULE_LOADER, "module");
        HeapObject.HeapInstance instance = module == null ? null : module.getValueAsInstance();
        HeapField name = instance == null ? null : instance.get("org.jboss.modules.Module", "name");
        String text = name == null ? null : name.getValue().readAsJavaString();
        return text == null ? "?" : text;
    }
}
